module example.com/progressbar

go 1.19

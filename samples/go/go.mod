module example.com/maxint

go 1.19

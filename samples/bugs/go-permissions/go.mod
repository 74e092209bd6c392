module example.com/permissions

go 1.19

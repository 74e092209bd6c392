module example.com/gcd

go 1.19

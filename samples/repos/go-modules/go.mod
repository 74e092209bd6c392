module example.com/shop

go 1.19

require example.com/money v1.0.0

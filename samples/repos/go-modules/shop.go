// Package shop bills orders, with its money arithmetic from a module its setup downloads.
package shop

import "example.com/money"

// PerPerson is what each of the people pays of a bill, in cents; the first pay the odd cents.
func PerPerson(bill, people int) []int {
	return money.Split(bill, people+1)
}

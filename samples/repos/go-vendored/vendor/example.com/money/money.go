// Package money shares amounts of cents (a dependency of the shop, vendored).
package money

// Split shares total in parts as equal as possible; the first parts take the odd cents.
func Split(total, parts int) []int {
	shares := make([]int, parts)
	for i := range shares {
		shares[i] = total / parts
		if i < total%parts {
			shares[i]++
		}
	}
	return shares
}

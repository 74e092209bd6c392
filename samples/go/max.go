// Package maxint finds the largest of some integers. It starts from the wrong value.
package maxint

// Max returns the largest element of a non-empty slice.
func Max(values []int) int {
	best := 0
	for _, v := range values {
		if v > best {
			best = v
		}
	}
	return best
}

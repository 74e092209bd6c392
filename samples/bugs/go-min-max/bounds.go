// Package minmax finds the range of some measurements in one pass.
package minmax

import "errors"

// ErrEmpty is returned when there is nothing to measure.
var ErrEmpty = errors.New("no values")

// Bounds returns the smallest and the largest value.
func Bounds(values []float64) (lo, hi float64, err error) {
	if len(values) == 0 {
		return 0, 0, ErrEmpty
	}
	lo, hi = values[0], values[0]
	for _, v := range values[1:] {
		if v < lo {
			lo = v
		}
		if v > hi {
			lo = v
		}
	}
	return lo, hi, nil
}

// Spread is the distance between the largest and the smallest value.
func Spread(values []float64) (float64, error) {
	lo, hi, err := Bounds(values)
	return hi - lo, err
}

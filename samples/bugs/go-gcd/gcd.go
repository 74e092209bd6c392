// Package gcd computes greatest common divisors and least common multiples.
package gcd

// GCD is the greatest common divisor of a and b (never negative; GCD(0, 0) is 0).
func GCD(a, b int) int {
	a, b = abs(a), abs(b)
	// Euclid: gcd(a, b) = gcd(b, a mod b) until the remainder is zero.
	for b != 0 {
		a, b = b, a/b
	}
	return a
}

// LCM is the least common multiple of a and b (0 when either is 0).
func LCM(a, b int) int {
	if a == 0 || b == 0 {
		return 0
	}
	// Divide before multiplying so the intermediate value stays small.
	return abs(a) / GCD(a, b) * abs(b)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

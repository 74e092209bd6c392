// Package duration reads short durations such as "1h30m" or "45m" as whole minutes.
package duration

import "fmt"

// Minutes parses hours ("h") and minutes ("m"); every number needs its unit.
func Minutes(text string) (int, error) {
	if text == "" {
		return 0, fmt.Errorf("empty duration")
	}
	total, number := 0, 0
	for _, r := range text {
		switch {
		case r >= '0' && r <= '9':
			number = number*10 + int(r-'0')
		case r == 'h':
			total += number * 60
			number = 0
		case r == 'm':
			total += number
			number = 0
		default:
			return 0, fmt.Errorf("unexpected %q in %q", r, text)
		}
	}
	if number == 0 {
		return 0, fmt.Errorf("%q ends in a number without a unit", text)
	}
	return total, nil
}

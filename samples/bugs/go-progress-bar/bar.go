// Package progressbar draws text progress bars such as "[######....] 60%".
package progressbar

import (
	"fmt"
	"strings"
)

// Bar is a bar of width cells for done out of total steps: '#' for the part done (rounded
// down), '.' for the rest.
func Bar(done, total, width int) string {
	done, total = clamp(done, total)
	filled := width * done / total
	return "[" + strings.Repeat("#", filled) + strings.Repeat(".", width) + "]"
}

// Line is the bar followed by the percentage done (rounded down).
func Line(done, total, width int) string {
	d, t := clamp(done, total)
	return fmt.Sprintf("%s %d%%", Bar(done, total, width), 100*d/t)
}

// clamp keeps done within 0..total; a job with nothing to do is complete.
func clamp(done, total int) (int, int) {
	if total <= 0 {
		return 1, 1
	}
	if done < 0 {
		return 0, total
	}
	if done > total {
		return total, total
	}
	return done, total
}

package progressbar

import "testing"

func TestBar(t *testing.T) {
	cases := []struct {
		done, total, width int
		want               string
	}{
		{0, 10, 10, "[..........]"},
		{6, 10, 10, "[######....]"},
		{10, 10, 10, "[##########]"},
		{1, 3, 12, "[####........]"},
		{2, 3, 5, "[###..]"},
		{7, 8, 4, "[###.]"},
		{0, 5, 0, "[]"},
	}
	for _, c := range cases {
		if got := Bar(c.done, c.total, c.width); got != c.want {
			t.Errorf("Bar(%d, %d, %d) = %q, want %q", c.done, c.total, c.width, got, c.want)
		}
	}
}

func TestBarClampsProgress(t *testing.T) {
	if got := Bar(-2, 4, 4); got != "[....]" {
		t.Errorf("Bar(-2, 4, 4) = %q, want %q", got, "[....]")
	}
	if got := Bar(9, 4, 4); got != "[####]" {
		t.Errorf("Bar(9, 4, 4) = %q, want %q", got, "[####]")
	}
}

func TestBarOfAnEmptyJobIsFull(t *testing.T) {
	if got := Bar(0, 0, 3); got != "[###]" {
		t.Errorf("Bar(0, 0, 3) = %q, want %q", got, "[###]")
	}
}

func TestLine(t *testing.T) {
	if got := Line(3, 8, 8); got != "[###.....] 37%" {
		t.Errorf("Line(3, 8, 8) = %q, want %q", got, "[###.....] 37%")
	}
	if got := Line(5, 5, 4); got != "[####] 100%" {
		t.Errorf("Line(5, 5, 4) = %q, want %q", got, "[####] 100%")
	}
}

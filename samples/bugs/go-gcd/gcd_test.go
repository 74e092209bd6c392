package gcd

import "testing"

func TestGCD(t *testing.T) {
	cases := []struct{ a, b, want int }{
		{12, 8, 4},
		{17, 5, 1},
		{0, 9, 9},
		{-12, 18, 6},
		{7, 7, 7},
	}
	for _, c := range cases {
		if got := GCD(c.a, c.b); got != c.want {
			t.Errorf("GCD(%d, %d) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

func TestGCDOfZeroes(t *testing.T) {
	if got := GCD(0, 0); got != 0 {
		t.Fatalf("GCD(0, 0) = %d, want 0", got)
	}
}

func TestLCM(t *testing.T) {
	if got := LCM(4, 6); got != 12 {
		t.Fatalf("LCM(4, 6) = %d, want 12", got)
	}
}

func TestLCMWithZero(t *testing.T) {
	if got := LCM(0, 5); got != 0 {
		t.Fatalf("LCM(0, 5) = %d, want 0", got)
	}
}

package maxint

import "testing"

func TestMaxOfMixed(t *testing.T) {
	if got := Max([]int{1, 5, 3}); got != 5 {
		t.Fatalf("Max([1 5 3]) = %d, want 5", got)
	}
}

func TestMaxOfOne(t *testing.T) {
	if got := Max([]int{7}); got != 7 {
		t.Fatalf("Max([7]) = %d, want 7", got)
	}
}

func TestMaxOfNegatives(t *testing.T) {
	if got := Max([]int{-3, -1, -2}); got != -1 {
		t.Fatalf("Max([-3 -1 -2]) = %d, want -1", got)
	}
}

package minmax

import (
	"errors"
	"testing"
)

func TestBoundsOfMixed(t *testing.T) {
	lo, hi, err := Bounds([]float64{3, -1, 4, 1, 5})
	if err != nil || lo != -1 || hi != 5 {
		t.Fatalf("Bounds = %v, %v, %v; want -1, 5, nil", lo, hi, err)
	}
}

func TestBoundsOfOne(t *testing.T) {
	lo, hi, err := Bounds([]float64{2.5})
	if err != nil || lo != 2.5 || hi != 2.5 {
		t.Fatalf("Bounds = %v, %v, %v; want 2.5, 2.5, nil", lo, hi, err)
	}
}

func TestBoundsOfDecreasing(t *testing.T) {
	lo, hi, err := Bounds([]float64{9, 7, 3})
	if err != nil || lo != 3 || hi != 9 {
		t.Fatalf("Bounds = %v, %v, %v; want 3, 9, nil", lo, hi, err)
	}
}

func TestBoundsOfNothing(t *testing.T) {
	if _, _, err := Bounds(nil); !errors.Is(err, ErrEmpty) {
		t.Fatalf("err = %v, want ErrEmpty", err)
	}
}

func TestSpread(t *testing.T) {
	if s, err := Spread([]float64{10, 12, 7}); err != nil || s != 5 {
		t.Fatalf("Spread = %v, %v; want 5, nil", s, err)
	}
}

package wordfreq

import (
	"reflect"
	"testing"
)

func check(t *testing.T, text string, n int, want []string) {
	t.Helper()
	if got := Top(text, n); !reflect.DeepEqual(got, want) {
		t.Fatalf("Top(%q, %d) = %q, want %q", text, n, got, want)
	}
}

func TestMostFrequentFirst(t *testing.T) {
	check(t, "b a b c b a", 2, []string{"b", "a"})
}

func TestCaseIsIgnored(t *testing.T) {
	check(t, "Go go GO stop", 1, []string{"go"})
}

func TestTiesGoAlphabetically(t *testing.T) {
	check(t, "pear apple fig", 3, []string{"apple", "fig", "pear"})
}

func TestExtraSpacesAreNotWords(t *testing.T) {
	check(t, "  to be   or not to  be ", 2, []string{"be", "to"})
}

func TestLinesAndTabsSeparateWords(t *testing.T) {
	check(t, "one\ttwo\none", 1, []string{"one"})
}

func TestFewerWordsThanAsked(t *testing.T) {
	check(t, "solo", 5, []string{"solo"})
}

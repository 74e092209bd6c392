package shop

import (
	"reflect"
	"testing"
)

func TestPerPerson(t *testing.T) {
	if got := PerPerson(10, 3); !reflect.DeepEqual(got, []int{4, 3, 3}) {
		t.Fatalf("PerPerson(10, 3) = %v, want [4 3 3]", got)
	}
}

func TestPerPersonAlone(t *testing.T) {
	if got := PerPerson(7, 1); !reflect.DeepEqual(got, []int{7}) {
		t.Fatalf("PerPerson(7, 1) = %v, want [7]", got)
	}
}

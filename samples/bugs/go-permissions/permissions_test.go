package permissions

import "testing"

func TestHasOneOfSeveral(t *testing.T) {
	if !Has(Read|Write, Read) {
		t.Fatal("Read|Write should have Read")
	}
}

func TestHasNotMissing(t *testing.T) {
	if Has(Read, Write) {
		t.Fatal("Read alone should not have Write")
	}
}

func TestHasNeedsEveryRight(t *testing.T) {
	if Has(Read|Delete, Read|Write) {
		t.Fatal("Read|Delete should not have Read|Write")
	}
}

func TestGrantThenHas(t *testing.T) {
	if p := Grant(Read, Write|Delete); !Has(p, Write|Delete) {
		t.Fatalf("after granting, %04b should have Write and Delete", p)
	}
}

func TestRevoke(t *testing.T) {
	if p := Revoke(Read|Write|Admin, Write); p != Read|Admin {
		t.Fatalf("Revoke gave %04b, want %04b", p, Read|Admin)
	}
}

// Package permissions keeps a user's rights as bit flags in one integer.
package permissions

// Perm is a set of rights; each right is one bit.
type Perm uint8

const (
	Read Perm = 1 << iota
	Write
	Delete
	Admin
)

// Has reports whether p includes every right in want.
func Has(p, want Perm) bool {
	return p|want == want
}

// Grant adds rights to p.
func Grant(p, rights Perm) Perm {
	return p | rights
}

// Revoke removes rights from p.
func Revoke(p, rights Perm) Perm {
	return p &^ rights
}

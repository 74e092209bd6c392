//! Bills orders, with its money arithmetic from a vendored crate.

/// What each of the people pays of a bill, in cents; the first pay the odd cents.
pub fn per_person(bill: u32, people: u32) -> Vec<u32> {
    money::split(bill, people + 1)
}

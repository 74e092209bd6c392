//! Shares amounts of cents (a dependency of the shop, vendored).

/// Shares `total` in `parts` as equal as possible; the first parts take the odd cents.
pub fn split(total: u32, parts: u32) -> Vec<u32> {
    (0..parts).map(|i| total / parts + u32::from(i < total % parts)).collect()
}

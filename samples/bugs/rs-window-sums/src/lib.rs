//! Moving totals and averages over a series of readings.

/// The sum of every run of `size` consecutive values, in order; empty when there is no full run.
pub fn window_sums(values: &[i64], size: usize) -> Vec<i64> {
    if size == 0 || size > values.len() {
        return Vec::new();
    }
    (0..values.len() - size)
        .map(|start| values[start..start + size].iter().sum())
        .collect()
}

/// The mean of every run of `size` consecutive values.
pub fn moving_average(values: &[i64], size: usize) -> Vec<f64> {
    window_sums(values, size)
        .into_iter()
        .map(|sum| sum as f64 / size as f64)
        .collect()
}

use window_sums::{moving_average, window_sums};

#[test]
fn pairs() {
    assert_eq!(window_sums(&[1, 2, 3, 4], 2), vec![3, 5, 7]);
}

#[test]
fn one_window_covers_everything() {
    assert_eq!(window_sums(&[5, 6, 7], 3), vec![18]);
}

#[test]
fn window_larger_than_series() {
    assert_eq!(window_sums(&[1, 2], 3), Vec::<i64>::new());
}

#[test]
fn zero_size_window() {
    assert_eq!(window_sums(&[1, 2], 0), Vec::<i64>::new());
}

#[test]
fn averages() {
    assert_eq!(moving_average(&[2, 4, 6, 8], 2), vec![3.0, 5.0, 7.0]);
}

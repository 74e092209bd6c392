use isbn::is_valid_isbn10;

#[test]
fn valid_with_hyphens() {
    assert!(is_valid_isbn10("0-306-40615-2"));
}

#[test]
fn valid_ending_in_x() {
    assert!(is_valid_isbn10("0-8044-2957-X"));
}

#[test]
fn wrong_check_digit() {
    assert!(!is_valid_isbn10("0-306-40615-3"));
}

#[test]
fn too_short() {
    assert!(!is_valid_isbn10("030640615"));
}

#[test]
fn x_only_allowed_last() {
    assert!(!is_valid_isbn10("0-306-4X615-2"));
}

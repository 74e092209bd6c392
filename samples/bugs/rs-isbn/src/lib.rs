//! Checks ISBN-10 book numbers such as "0-306-40615-2".

/// Whether `isbn` is a valid ISBN-10: ten digits (hyphens ignored), the last of which may be
/// 'X' for ten, whose weighted sum (10 × first + 9 × second + … + 1 × last) is a multiple of 11.
pub fn is_valid_isbn10(isbn: &str) -> bool {
    let chars: Vec<char> = isbn.chars().filter(|&c| c != '-').collect();
    if chars.len() != 10 {
        return false;
    }
    let mut sum = 0;
    for (i, &c) in chars.iter().enumerate() {
        let value = match c {
            '0'..='9' => c.to_digit(10).unwrap(),
            'X' if i == 9 => 10,
            _ => return false,
        };
        sum += value * (10 - i as u32);
    }
    sum % 10 == 0
}

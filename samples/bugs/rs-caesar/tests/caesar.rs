use caesar::{decrypt, encrypt};

#[test]
fn shifts_letters() {
    assert_eq!(encrypt("abc", 3), "def");
}

#[test]
fn wraps_around_the_alphabet() {
    assert_eq!(encrypt("xyz", 3), "abc");
}

#[test]
fn keeps_case_spaces_and_punctuation() {
    assert_eq!(encrypt("Hello, World!", 13), "Uryyb, Jbeyq!");
}

#[test]
fn a_full_turn_changes_nothing() {
    assert_eq!(encrypt("Wand", 26), "Wand");
}

#[test]
fn decrypt_undoes_encrypt() {
    assert_eq!(decrypt(&encrypt("Attack at dawn", 7), 7), "Attack at dawn");
}

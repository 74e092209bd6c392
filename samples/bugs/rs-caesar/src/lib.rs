//! The Caesar cipher: every ASCII letter moves `key` places along the alphabet, wrapping around.

/// Encrypts: letters shift forward by `key`, keeping their case; anything else is kept as it is.
pub fn encrypt(text: &str, key: u8) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphabetic() {
                return c;
            }
            let base = if c.is_ascii_lowercase() { b'a' } else { b'A' };
            ((c as u8 - base + key % 26) % 26 + base) as char
        })
        .collect()
}

/// Decrypts: shifting forward by the rest of the alphabet undoes a shift by `key`.
pub fn decrypt(text: &str, key: u8) -> String {
    encrypt(text, 26 - key % 26)
}

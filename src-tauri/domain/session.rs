//! The session's rules: what a passphrase must be.

use crate::error::{AppError, AppResult};

/// The longest passphrase (longer adds nothing to the key and only costs the derivation).
pub const MAX_PASSPHRASE_CHARS: usize = 1024;

/// Whether `passphrase` could ever open a database: none holds a control character or is
/// longer than [`MAX_PASSPHRASE_CHARS`] (creation refuses those).
pub fn possible_passphrase(passphrase: &str) -> bool {
    passphrase.chars().count() <= MAX_PASSPHRASE_CHARS
        && !passphrase.chars().any(super::text::forbidden_char)
}

/// Rules for a passphrase: at least 10 characters, letters and digits or symbols; at most
/// 1,024 characters, and no control characters.
pub fn check_passphrase_strength(passphrase: &str) -> AppResult<()> {
    if passphrase.chars().count() > MAX_PASSPHRASE_CHARS {
        return Err(AppError::invalid(
            "passphrase",
            "Use at most 1,024 characters.",
        ));
    }
    if passphrase.chars().any(super::text::forbidden_char) {
        return Err(AppError::invalid(
            "passphrase",
            "The passphrase holds an invisible control character; type it again.",
        ));
    }
    let long_enough = passphrase.chars().count() >= 10;
    let letters = passphrase.chars().any(char::is_alphabetic);
    let others = passphrase
        .chars()
        .any(|c| !c.is_alphabetic() && !c.is_whitespace());
    if !long_enough || !letters || !others {
        return Err(AppError::invalid(
            "passphrase",
            "Use at least 10 characters, with letters and also digits or symbols.",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passphrase_needs_ten_characters_letters_and_digits_or_symbols() {
        for weak in ["short1!", "onlyletterslong", "1234567890", "ten spaces  "] {
            let e = check_passphrase_strength(weak).unwrap_err();
            assert_eq!(e.field(), Some("passphrase"), "{weak}");
        }
        for strong in [
            "correct horse 42",
            "coordinator passphrase 2026",
            "ñandú-río!x",
        ] {
            assert!(check_passphrase_strength(strong).is_ok(), "{strong}");
        }
    }
}

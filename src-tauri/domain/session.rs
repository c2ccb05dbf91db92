//! The session's rules: what a passphrase must be.

use crate::error::{AppError, AppResult};

/// Rules for a passphrase: at least 10 characters, letters and digits or symbols.
pub fn check_passphrase_strength(passphrase: &str) -> AppResult<()> {
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

//! Readers for files brought in from elsewhere: they turn bytes into rows of text and know
//! nothing of the registry's rules (those are in `domain`).

pub mod hsds;
pub mod roster;

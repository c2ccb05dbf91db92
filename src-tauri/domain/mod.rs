//! Types, validation, lifecycles and rules: pure Rust, no SQL, no Tauri.

pub mod audit;
pub mod backup;
pub mod callins;
pub mod dayof;
pub mod dedupe;
pub mod directory;
pub mod directory_details;
pub mod exports;
pub mod followups;
pub mod groups;
pub mod hsds;
pub mod hsds_import;
pub mod import;
pub mod invitations;
pub mod labels;
pub mod letters;
pub mod lifecycle;
pub mod people;
pub mod printing;
pub mod session;
pub mod text;
pub mod time;
pub mod warnings;

/// Declares a closed set of values stored as snake_case text: serde, TypeScript
/// bindings, `as_str` for SQL and `parse` for reading it back.
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use text_enum;

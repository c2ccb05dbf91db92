//! Text rules shared by the registry: accent folding for sorting and searching,
//! and turning what a coordinator types into a safe full-text query.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Lower-case, accents removed, inner white space folded: "  Núñez  María " → "nunez maria".
pub fn fold(text: &str) -> String {
    let folded: String = text
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The key people are sorted by: last name, then first name, accent-insensitive.
pub fn sort_name(first: &str, last: &str) -> String {
    format!("{}\u{1}{}", fold(last), fold(first))
}

/// Trims and folds inner white space; `None` when nothing is left.
pub fn clean(text: Option<&str>) -> Option<String> {
    let text = text?.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// An FTS5 MATCH expression for what was typed: every word is a prefix that must
/// match, accents and punctuation ignored. `None` when nothing searchable was typed.
///
/// "o'bri  NÚÑ" → `"o"* "bri"* "nun"*`
pub fn fts_query(typed: &str) -> Option<String> {
    let folded = fold(typed);
    let terms: Vec<String> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .take(8)
        .map(|t| format!("\"{t}\"*"))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_case_and_space() {
        assert_eq!(fold("  Núñez   MARÍA "), "nunez maria");
        assert_eq!(fold("Łukasz"), "łukasz"); // no decomposition exists; kept as is
        assert_eq!(fold("Nguyễn"), "nguyen");
    }

    #[test]
    fn query_is_prefix_terms_without_syntax() {
        assert_eq!(
            fts_query("o'bri  NÚÑ").as_deref(),
            Some("\"o\"* \"bri\"* \"nun\"*")
        );
        // FTS5 syntax typed by a user is just punctuation to us.
        assert_eq!(
            fts_query("a OR \"b\" NEAR(c)*").as_deref(),
            Some("\"a\"* \"or\"* \"b\"* \"near\"* \"c\"*")
        );
        assert_eq!(fts_query(" -*\" "), None);
    }

    #[test]
    fn sort_name_orders_by_last_then_first() {
        let mut names = [
            sort_name("Zoe", "Álvarez"),
            sort_name("Ana", "Alvarez"),
            sort_name("Bo", "Abe"),
        ];
        names.sort();
        assert_eq!(names[0], sort_name("Bo", "Abe"));
        assert_eq!(names[1], sort_name("Ana", "Alvarez"));
    }

    #[test]
    fn clean_trims_and_empties() {
        assert_eq!(clean(Some("  a   b ")).as_deref(), Some("a b"));
        assert_eq!(clean(Some("   ")), None);
        assert_eq!(clean(None), None);
    }
}

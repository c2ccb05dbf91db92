//! Text rules shared by the registry: accent folding for sorting and searching,
//! and turning what a coordinator types into a safe full-text query.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Letters that carry no combining mark to strip but that a person types without their
/// stroke or ligature: "Łukasz" is typed "lukasz", "Đặng" "dang", "Strauß" "strauss".
fn plain_letters(c: char) -> Option<&'static str> {
    Some(match c {
        'ł' | 'Ł' => "l",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'ø' | 'Ø' => "o",
        'ß' | 'ẞ' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ı' => "i",
        'þ' | 'Þ' => "th",
        'ħ' | 'Ħ' => "h",
        'ŀ' | 'Ŀ' => "l",
        _ => return None,
    })
}

/// Lower-case, accents and compatibility forms removed, inner white space folded:
/// "  Núñez  MARÍA " → "nunez maria", "Ｍａｒｉａ" → "maria", "Đặng" → "dang".
/// Names and aliases are indexed folded, and what is typed is folded the same way, so
/// both sides always agree (Hangul and kana recompose, so "김민" still prefixes "김민준").
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfkd().filter(|c| !is_combining_mark(*c)) {
        match plain_letters(c) {
            Some(s) => out.push_str(s),
            None => out.extend(c.to_lowercase()),
        }
    }
    let out: String = out.nfc().collect();
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text a person is found by: names and aliases, folded.
pub fn search_text(first: &str, last: &str, aliases: &[String]) -> String {
    let mut all = vec![first, last];
    all.extend(aliases.iter().map(String::as_str));
    fold(&all.join(" "))
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

/// Like [`clean`] for text of several lines (notes, outcomes): white space is folded within
/// each line, line breaks are kept, blank lines at either end are dropped.
pub fn clean_lines(text: Option<&str>) -> Option<String> {
    let lines: Vec<String> = text?
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let first = lines.iter().position(|l| !l.is_empty())?;
    let last = lines.iter().rposition(|l| !l.is_empty())?;
    Some(lines[first..=last].join("\n"))
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
        assert_eq!(fold("Łukasz"), "lukasz");
        assert_eq!(fold("Đặng"), "dang");
        assert_eq!(fold("Øyvind Strauß"), "oyvind strauss");
        assert_eq!(fold("Nguyễn"), "nguyen");
        assert_eq!(fold("Ｍａｒｉａ"), "maria");
        // Hangul recomposes, so a typed prefix still prefixes the folded name.
        assert!(fold("김민준").starts_with(&fold("김민")));
        assert!(fold("ガルシア").starts_with(&fold("ガル")));
        assert_eq!(fold("张伟"), "张伟");
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

    #[test]
    fn clean_lines_keeps_line_breaks_and_folds_the_rest() {
        assert_eq!(
            clean_lines(Some("\n  a   b \n\n c\n ")),
            Some("a b\n\nc".into())
        );
        assert_eq!(clean_lines(Some(" \n ")), None);
    }
}

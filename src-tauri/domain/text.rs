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

/// The longest text one input may hold (a letter template is a few thousand characters).
pub const MAX_TEXT_CHARS: usize = 200_000;

/// A character no coordinator types and no record should hold: control characters other
/// than tab and line breaks, Unicode noncharacters, and the bidirectional overrides and
/// isolates that make text read differently from what it holds.
pub fn forbidden_char(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(c, '\u{FDD0}'..='\u{FDEF}')
        || (c as u32 & 0xFFFE) == 0xFFFE
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Checks every text of an input as it arrives (each string and key of its JSON): none
/// holds a forbidden character or is longer than [`MAX_TEXT_CHARS`]. The refusal names
/// the field it is in.
pub fn check_input(value: &serde_json::Value) -> crate::error::AppResult<()> {
    fn walk(v: &serde_json::Value, field: &str) -> crate::error::AppResult<()> {
        use serde_json::Value;
        match v {
            Value::String(s) => check_text(field, s),
            Value::Array(items) => items.iter().try_for_each(|i| walk(i, field)),
            Value::Object(map) => map.iter().try_for_each(|(k, v)| {
                check_text(k, k)?;
                walk(v, k)
            }),
            _ => Ok(()),
        }
    }
    walk(value, "input")
}

fn check_text(field: &str, s: &str) -> crate::error::AppResult<()> {
    let field = if field.chars().any(forbidden_char) {
        "input"
    } else {
        field
    };
    if let Some(c) = s.chars().find(|&c| forbidden_char(c)) {
        return Err(crate::error::AppError::invalid(
            field,
            format!(
                "This text holds an invisible control character (U+{:04X}), which cannot be saved. Remove it and try again.",
                c as u32
            ),
        ));
    }
    let n = s.chars().count();
    if n > MAX_TEXT_CHARS {
        return Err(crate::error::AppError::invalid(
            field,
            format!("This text is too long ({n} characters; at most {MAX_TEXT_CHARS})."),
        ));
    }
    Ok(())
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
    fn an_input_with_a_control_character_or_too_long_a_text_is_refused_naming_its_field() {
        let ok = serde_json::json!({"input": {"lastName": "Núñez", "notes": "line\nline\ttab", "aliases": ["Flaco"]}});
        assert!(check_input(&ok).is_ok());
        for bad in ["fuzz\u{0}id", "a\u{1b}[31m", "\u{202E}evil", "x\u{FFFF}"] {
            let v = serde_json::json!({"input": {"lastName": bad}});
            let e = check_input(&v).unwrap_err();
            assert_eq!(e.field(), Some("lastName"), "{bad:?}");
        }
        let long = serde_json::json!({"query": {"search": "x".repeat(MAX_TEXT_CHARS + 1)}});
        assert!(check_input(&long)
            .unwrap_err()
            .to_string()
            .contains("too long"));
        let key = serde_json::json!({"a\u{0}": 1});
        assert_eq!(check_input(&key).unwrap_err().field(), Some("input"));
    }

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

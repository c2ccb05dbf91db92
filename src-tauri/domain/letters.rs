//! Invitation letters: the editable text of each language's template, its placeholders,
//! and how a template and one invitee's facts become the paragraphs of a letter.
//!
//! A template is plain text, never layout code: blank lines separate paragraphs, lines
//! starting with "- " are bullet points, and `{placeholder}` names are replaced by the
//! invitee's and the call-in's facts. What the coordinator types can therefore never
//! change the page set-up, and a name containing braces or markup prints as it is.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::text_enum;
use crate::error::{AppError, AppResult};

text_enum!(
    /// The languages letters are printed in (a person's preferred language).
    LetterLanguage {
        English = "en",
        Spanish = "es",
    }
);

impl LetterLanguage {
    /// A person's preferred language as a letter language; anything else gets English.
    pub fn of_person(preferred: &str) -> Self {
        LetterLanguage::parse(preferred.trim()).unwrap_or(LetterLanguage::English)
    }

    pub fn name(self) -> &'static str {
        match self {
            LetterLanguage::English => "English",
            LetterLanguage::Spanish => "Spanish",
        }
    }

    /// The text a template has until the coordinator edits it.
    pub fn default_text(self) -> &'static str {
        match self {
            LetterLanguage::English => DEFAULT_EN,
            LetterLanguage::Spanish => DEFAULT_ES,
        }
    }
}

const DEFAULT_EN: &str = "Dear {first_name} {last_name},

You are invited to a community meeting, {title}. People from your neighborhood, your supervising agency and local services will be there. They want to talk with you about your safety and about the help that is available to you.

Date: {date}
Time: {time}
Place: {venue}, {address}

Please bring:
- this letter
- a photo ID, if you have one
- a list of any medicines you take, if you would like help with health care

Please arrive 15 minutes early. The meeting lasts about {length}. Help with jobs, housing, treatment and other needs will be offered on the day; you can accept it there.

If you have questions, please contact your supervising officer, {officer}.

Sincerely,
The call-in team";

const DEFAULT_ES: &str = "Estimado/a {first_name} {last_name}:

Le invitamos a una reunión comunitaria, {title}. Asistirán personas de su vecindario, de la agencia que supervisa su caso y de servicios locales. Quieren hablar con usted sobre su seguridad y sobre la ayuda que tiene a su disposición.

Fecha: {date}
Hora: {time}
Lugar: {venue}, {address}

Por favor traiga:
- esta carta
- una identificación con foto, si la tiene
- una lista de los medicamentos que toma, si desea ayuda con su salud

Por favor llegue 15 minutos antes. La reunión dura aproximadamente {length}. Ese día se ofrecerá ayuda con empleo, vivienda, tratamiento y otras necesidades; puede aceptarla allí mismo.

Si tiene preguntas, comuníquese con su oficial de supervisión, {officer}.

Atentamente,
El equipo de la reunión";

/// A template may be at most this long.
pub const MAX_TEMPLATE: usize = 6000;

/// The placeholders a template may use, with what each becomes.
pub const PLACEHOLDERS: [(&str, &str); 10] = [
    ("first_name", "The invitee's first name"),
    ("last_name", "The invitee's last name"),
    ("title", "The call-in's title"),
    (
        "date",
        "The call-in's date, written out in the letter's language",
    ),
    ("time", "The call-in's start time"),
    ("venue", "The venue's name"),
    ("address", "The venue's address"),
    ("accessibility", "The venue's accessibility notes"),
    ("length", "The expected length, e.g. \"90 minutes\""),
    ("officer", "The invitee's supervising officer"),
];

/// One placeholder as Settings lists it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct Placeholder {
    /// As typed in a template, with its braces: "{first_name}".
    pub token: String,
    pub meaning: String,
}

/// A letter template as Settings shows it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct LetterTemplate {
    pub language: LetterLanguage,
    pub text: String,
    /// The text is the app's own (never edited, or reset).
    pub is_default: bool,
    pub placeholders: Vec<Placeholder>,
}

impl LetterTemplate {
    pub fn new(language: LetterLanguage, stored: Option<String>) -> Self {
        let is_default = stored.is_none();
        LetterTemplate {
            language,
            text: stored.unwrap_or_else(|| language.default_text().to_string()),
            is_default,
            placeholders: PLACEHOLDERS
                .iter()
                .map(|(name, meaning)| Placeholder {
                    token: format!("{{{name}}}"),
                    meaning: (*meaning).to_string(),
                })
                .collect(),
        }
    }
}

/// A piece of a template: text as typed, or a placeholder's name.
#[derive(Debug, Clone, PartialEq)]
enum Piece<'a> {
    Text(&'a str),
    Field(&'a str),
}

/// Splits a line into text and placeholders, or says what is wrong with it.
fn pieces(line: &str) -> Result<Vec<Piece<'_>>, String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err(
                "A \"}\" has no \"{\" before it. Placeholders are written like {first_name}."
                    .into(),
            );
        }
        if open > 0 {
            out.push(Piece::Text(&rest[..open]));
        }
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .filter(|c| !after[..*c].contains('{'))
            .ok_or_else(|| {
                "A \"{\" is not closed with \"}\". Placeholders are written like {first_name}."
                    .to_string()
            })?;
        let name = &after[..close];
        if !PLACEHOLDERS.iter().any(|(p, _)| *p == name) {
            let known = PLACEHOLDERS
                .iter()
                .map(|(p, _)| format!("{{{p}}}"))
                .collect::<Vec<_>>()
                .join(", ");
            return Err(format!(
                "{{{name}}} is not a placeholder. The placeholders are: {known}."
            ));
        }
        out.push(Piece::Field(name));
        rest = &after[close + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    Ok(out)
}

/// What to keep of a template typed in Settings: checked first (an error names what is
/// wrong); `None` when it is the app's own text, so the app's text keeps following updates.
pub fn template_to_keep(language: LetterLanguage, text: &str) -> AppResult<Option<String>> {
    let text = validate_template(text)?;
    Ok((text != language.default_text()).then_some(text))
}

/// Checks a template typed in Settings and returns it tidied (line ends unified, trailing
/// spaces and blank lines at the ends removed). Every problem is reported with its line.
pub fn validate_template(text: &str) -> AppResult<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let tidy = lines.join("\n").trim_matches('\n').to_string();
    if tidy.trim().is_empty() {
        return Err(AppError::invalid(
            "text",
            "A letter needs some text. Use \"Reset to default\" to start again from the app's text.",
        ));
    }
    if tidy.chars().count() > MAX_TEMPLATE {
        return Err(AppError::invalid(
            "text",
            format!("A letter can be at most {MAX_TEMPLATE} characters."),
        ));
    }
    for (n, line) in tidy.lines().enumerate() {
        if let Err(e) = pieces(line) {
            return Err(AppError::invalid("text", format!("Line {}: {e}", n + 1)));
        }
    }
    Ok(tidy)
}

/// The facts a letter's placeholders are filled with.
#[derive(Debug, Clone, Default)]
pub struct LetterFacts {
    pub first_name: String,
    pub last_name: String,
    pub title: String,
    pub date: Option<NaiveDate>,
    pub time: Option<NaiveTime>,
    pub venue: String,
    pub address: String,
    pub accessibility: String,
    pub minutes: Option<u32>,
    pub officer: String,
}

/// A block of a letter's body.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "lines", rename_all = "camelCase")]
pub enum Block {
    /// Lines kept as typed (a line break where the template has one).
    Paragraph(Vec<String>),
    Bullets(Vec<String>),
}

/// What a placeholder becomes in `lang` when the fact is missing.
fn missing(lang: LetterLanguage) -> &'static str {
    match lang {
        LetterLanguage::English => "(to be announced)",
        LetterLanguage::Spanish => "(por confirmar)",
    }
}

fn field(name: &str, f: &LetterFacts, lang: LetterLanguage) -> String {
    let or_missing = |v: &str| {
        if v.trim().is_empty() {
            missing(lang).to_string()
        } else {
            v.trim().to_string()
        }
    };
    match name {
        "first_name" => f.first_name.trim().to_string(),
        "last_name" => f.last_name.trim().to_string(),
        "title" => or_missing(&f.title),
        "date" => f
            .date
            .map(|d| written_date(d, lang))
            .unwrap_or_else(|| missing(lang).into()),
        "time" => f
            .time
            .map(|t| written_time(t, lang))
            .unwrap_or_else(|| missing(lang).into()),
        "venue" => or_missing(&f.venue),
        "address" => or_missing(&f.address),
        "accessibility" => f.accessibility.trim().to_string(),
        "length" => f
            .minutes
            .map(|m| written_length(m, lang))
            .unwrap_or_else(|| missing(lang).into()),
        "officer" => match (f.officer.trim(), lang) {
            ("", LetterLanguage::English) => "through your supervising agency".into(),
            ("", LetterLanguage::Spanish) => "a través de su agencia de supervisión".into(),
            (o, _) => o.to_string(),
        },
        _ => String::new(),
    }
}

/// Fills a (valid) template with one invitee's facts and cuts it into blocks.
pub fn merge(template: &str, facts: &LetterFacts, lang: LetterLanguage) -> AppResult<Vec<Block>> {
    let mut blocks = Vec::new();
    let mut current: Option<Block> = None;
    for (n, line) in template.lines().enumerate() {
        let parts =
            pieces(line).map_err(|e| AppError::invalid("text", format!("Line {}: {e}", n + 1)))?;
        let merged: String = parts
            .iter()
            .map(|p| match p {
                Piece::Text(t) => (*t).to_string(),
                Piece::Field(name) => field(name, facts, lang),
            })
            .collect();
        let trimmed = merged.trim_start();
        if merged.trim().is_empty() {
            blocks.extend(current.take());
        } else if let Some(item) = trimmed.strip_prefix("- ").or(trimmed.strip_prefix("• ")) {
            match &mut current {
                Some(Block::Bullets(items)) => items.push(item.trim().to_string()),
                _ => {
                    blocks.extend(current.take());
                    current = Some(Block::Bullets(vec![item.trim().to_string()]));
                }
            }
        } else {
            match &mut current {
                Some(Block::Paragraph(lines)) => lines.push(merged.trim_end().to_string()),
                _ => {
                    blocks.extend(current.take());
                    current = Some(Block::Paragraph(vec![merged.trim_end().to_string()]));
                }
            }
        }
    }
    blocks.extend(current);
    Ok(blocks)
}

const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];
const DAYS_ES: [&str; 7] = [
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
];

/// "Sunday, March 14, 2027" / "domingo, 14 de marzo de 2027".
pub fn written_date(d: NaiveDate, lang: LetterLanguage) -> String {
    match lang {
        LetterLanguage::English => d.format("%A, %B %-d, %Y").to_string(),
        LetterLanguage::Spanish => format!(
            "{}, {} de {} de {}",
            DAYS_ES[d.weekday().num_days_from_monday() as usize],
            d.day(),
            MONTHS_ES[d.month0() as usize],
            d.year()
        ),
    }
}

/// The print date of a letter: "March 14, 2027" / "14 de marzo de 2027".
pub fn letter_date(d: NaiveDate, lang: LetterLanguage) -> String {
    match lang {
        LetterLanguage::English => d.format("%B %-d, %Y").to_string(),
        LetterLanguage::Spanish => format!(
            "{} de {} de {}",
            d.day(),
            MONTHS_ES[d.month0() as usize],
            d.year()
        ),
    }
}

/// "6:00 PM" / "6:00 p. m.".
pub fn written_time(t: NaiveTime, lang: LetterLanguage) -> String {
    match lang {
        LetterLanguage::English => t.format("%-I:%M %p").to_string(),
        LetterLanguage::Spanish => {
            let (pm, h) = t.hour12();
            format!(
                "{h}:{:02} {}",
                t.minute(),
                if pm { "p. m." } else { "a. m." }
            )
        }
    }
}

/// "90 minutes", "1 hour", "2 hours" / "90 minutos", "1 hora".
pub fn written_length(minutes: u32, lang: LetterLanguage) -> String {
    let (hour, hours, minute, mins) = match lang {
        LetterLanguage::English => ("hour", "hours", "minute", "minutes"),
        LetterLanguage::Spanish => ("hora", "horas", "minuto", "minutos"),
    };
    match minutes {
        60 => format!("1 {hour}"),
        m if m > 60 && m % 60 == 0 => format!("{} {hours}", m / 60),
        1 => format!("1 {minute}"),
        m => format!("{m} {mins}"),
    }
}

/// The words a letter prints around the template's text.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LetterWords {
    pub confidential: &'static str,
    pub printed: &'static str,
    pub page: &'static str,
    pub of: &'static str,
}

pub fn letter_words(lang: LetterLanguage) -> LetterWords {
    match lang {
        LetterLanguage::English => LetterWords {
            confidential: "Confidential",
            printed: "printed",
            page: "Page",
            of: "of",
        },
        LetterLanguage::Spanish => LetterWords {
            confidential: "Confidencial",
            printed: "impreso el",
            page: "Página",
            of: "de",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> LetterFacts {
        LetterFacts {
            first_name: "José".into(),
            last_name: "Peña".into(),
            title: "Eastside call-in".into(),
            date: NaiveDate::from_ymd_opt(2027, 3, 14),
            time: NaiveTime::from_hms_opt(18, 0, 0),
            venue: "Community hall".into(),
            address: "12 Main St".into(),
            accessibility: String::new(),
            minutes: Some(90),
            officer: "Officer Reyes".into(),
        }
    }

    #[test]
    fn both_default_templates_are_valid_and_fill_every_fact() {
        for lang in LetterLanguage::ALL {
            let text = validate_template(lang.default_text()).unwrap();
            let blocks = merge(&text, &facts(), *lang).unwrap();
            let all = format!("{blocks:?}");
            assert!(all.contains("José Peña"), "{all}");
            assert!(all.contains("Community hall, 12 Main St"), "{all}");
            assert!(all.contains("Officer Reyes"));
            assert!(!all.contains('{'), "{all}");
            assert!(blocks
                .iter()
                .any(|b| matches!(b, Block::Bullets(i) if i.len() == 3)));
        }
        let es = merge(DEFAULT_ES, &facts(), LetterLanguage::Spanish).unwrap();
        let es = format!("{es:?}");
        assert!(es.contains("domingo, 14 de marzo de 2027"), "{es}");
        assert!(es.contains("6:00 p. m."));
        assert!(es.contains("90 minutos"));
    }

    #[test]
    fn unknown_or_unbalanced_placeholders_are_refused_with_their_line() {
        let e = validate_template("Hola {first_name},\n\nLe esperamos el {fecha}.").unwrap_err();
        let m = e.to_string();
        assert!(
            m.starts_with("Line 3: {fecha} is not a placeholder."),
            "{m}"
        );
        assert!(m.contains("{first_name}"));
        let e = validate_template("Dear {first_name,").unwrap_err();
        assert!(e.to_string().contains("is not closed"), "{e}");
        let e = validate_template("Dear first_name},").unwrap_err();
        assert!(e.to_string().contains("has no \"{\""), "{e}");
        assert!(validate_template("  \n \n").is_err());
        assert!(validate_template(&"a".repeat(MAX_TEMPLATE + 1)).is_err());
    }

    #[test]
    fn text_is_tidied_and_blocks_follow_blank_lines_and_dashes() {
        let t = validate_template(
            "\r\nDear {first_name},  \r\n\r\nBring:\r\n- ID\r\n- this letter\r\nThanks\r\n\r\n",
        )
        .unwrap();
        assert_eq!(
            t,
            "Dear {first_name},\n\nBring:\n- ID\n- this letter\nThanks"
        );
        let blocks = merge(&t, &facts(), LetterLanguage::English).unwrap();
        assert_eq!(
            blocks,
            vec![
                Block::Paragraph(vec!["Dear José,".into()]),
                Block::Paragraph(vec!["Bring:".into()]),
                Block::Bullets(vec!["ID".into(), "this letter".into()]),
                Block::Paragraph(vec!["Thanks".into()]),
            ]
        );
    }

    #[test]
    fn missing_facts_read_as_to_be_announced_and_names_are_not_markup() {
        let f = LetterFacts {
            first_name: "{last_name} *bold* #set".into(),
            ..LetterFacts::default()
        };
        let blocks = merge(
            "{first_name} at {venue}, {time}",
            &f,
            LetterLanguage::English,
        )
        .unwrap();
        assert_eq!(
            blocks,
            vec![Block::Paragraph(vec![
                "{last_name} *bold* #set at (to be announced), (to be announced)".into()
            ])]
        );
        let blocks = merge("{officer}", &f, LetterLanguage::Spanish).unwrap();
        assert_eq!(
            blocks,
            vec![Block::Paragraph(vec![
                "a través de su agencia de supervisión".into()
            ])]
        );
    }

    #[test]
    fn dates_times_and_lengths_in_both_languages() {
        let d = NaiveDate::from_ymd_opt(2027, 9, 1).unwrap();
        assert_eq!(
            written_date(d, LetterLanguage::English),
            "Wednesday, September 1, 2027"
        );
        assert_eq!(
            written_date(d, LetterLanguage::Spanish),
            "miércoles, 1 de septiembre de 2027"
        );
        assert_eq!(
            letter_date(d, LetterLanguage::Spanish),
            "1 de septiembre de 2027"
        );
        let t = NaiveTime::from_hms_opt(9, 5, 0).unwrap();
        assert_eq!(written_time(t, LetterLanguage::English), "9:05 AM");
        assert_eq!(written_time(t, LetterLanguage::Spanish), "9:05 a. m.");
        let noon = NaiveTime::from_hms_opt(12, 30, 0).unwrap();
        assert_eq!(written_time(noon, LetterLanguage::Spanish), "12:30 p. m.");
        assert_eq!(written_length(120, LetterLanguage::English), "2 hours");
        assert_eq!(written_length(60, LetterLanguage::Spanish), "1 hora");
        assert_eq!(written_length(75, LetterLanguage::English), "75 minutes");
        assert_eq!(LetterLanguage::of_person("es"), LetterLanguage::Spanish);
        assert_eq!(LetterLanguage::of_person("fr"), LetterLanguage::English);
    }
}

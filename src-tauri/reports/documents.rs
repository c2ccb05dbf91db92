//! Every printed document behind one request: gathered from the store (which is then let
//! go), laid out by typst, and shown as SVG pages, saved as PDF or handed to the system to
//! print.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;
use typst_layout::PagedDocument;

use super::call_in_sheets::{
    printed_on, CallInHeader, RosterRow, SheetData, SignInLabels, SignInRow,
};
use super::pdf::{self, letter, letter_landscape, Template};
use super::table::write_file;
use crate::domain::callins::CallIn;
use crate::domain::directory::RunOfShow;
use crate::domain::followups::ReferralRow;
use crate::domain::followups::{exportable, ReferralQuery};
use crate::domain::invitations::Invitation;
use crate::domain::labels::Labelled;
use crate::domain::letters::{
    letter_date, letter_words, merge, Block, LetterFacts, LetterLanguage, LetterTemplate,
    LetterWords,
};
use crate::domain::printing::LetterRecipient;
use crate::domain::printing::{
    by_last_name, clock, file_name, gets_letter, DocumentPreview, SavedDocument, PREVIEW_PAGES,
};
use crate::domain::text::clean_lines;
use crate::domain::time::stored_date;
use crate::error::{AppError, AppResult};

/// A document's data, read from the store and ready to lay out.
pub enum Gathered {
    SignIn(SheetData<SignInLabels, SignInRow>),
    Roster(SheetData<[&'static str; 6], RosterRow>),
    Letters(LettersData),
    RunOfShow(SheetData<[&'static str; 4], SegmentRow>),
    FollowUps(SheetData<[&'static str; 7], FollowUpRow>),
}

/// A document with its name, ready to lay out.
pub struct Prepared {
    pub title: String,
    pub file_name: String,
    pub note: Option<String>,
    pub data: Gathered,
}

/// A laid-out document.
pub struct Built {
    pub title: String,
    pub file_name: String,
    pub note: Option<String>,
    pub doc: PagedDocument,
}

impl Built {
    pub fn page_count(&self) -> u32 {
        self.doc.pages().len() as u32
    }

    pub fn pdf(&self) -> AppResult<Vec<u8>> {
        pdf::pdf(&self.doc)
    }
}

/// Lays a gathered document out into pages.
pub fn lay_out(p: Prepared) -> AppResult<Built> {
    let doc = match &p.data {
        Gathered::SignIn(d) => pdf::lay_out(Template::SignInSheet, d)?,
        Gathered::Roster(d) => pdf::lay_out(Template::AttendeeRoster, d)?,
        Gathered::Letters(d) => pdf::lay_out(Template::Letters, d)?,
        Gathered::RunOfShow(d) => pdf::lay_out(Template::RunOfShow, d)?,
        Gathered::FollowUps(d) => pdf::lay_out(Template::FollowUpList, d)?,
    };
    Ok(Built {
        title: p.title,
        file_name: p.file_name,
        note: p.note,
        doc,
    })
}

/// The preview of a laid-out document: its first pages as SVG.
pub fn preview(built: Built) -> DocumentPreview {
    DocumentPreview {
        pages: pdf::svg_pages(&built.doc, PREVIEW_PAGES),
        page_count: built.page_count(),
        title: built.title,
        file_name: built.file_name,
        note: built.note,
    }
}

/// The title, file name and note of a document whose data is gathered.
pub fn prepared(kind: &str, title: &str, note: Option<String>, data: Gathered) -> Prepared {
    Prepared {
        file_name: file_name(kind, title),
        title: format!("{kind} — {title}"),
        note,
        data,
    }
}

/// Writes the PDF to `path` (a temporary name first, then renamed: no half-written file).
pub fn save(built: &Built, path: &Path) -> AppResult<SavedDocument> {
    write_file(path, &built.pdf()?)?;
    Ok(SavedDocument {
        path: path.display().to_string(),
        page_count: built.page_count(),
        note: built.note.clone(),
    })
}

// ---- letters ------------------------------------------------------------------------

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LettersData {
    pub title: String,
    pub heading: String,
    pub letters: Vec<Letter>,
    #[serde(skip)]
    pub spanish: usize,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Letter {
    pub lang: &'static str,
    pub heading: String,
    /// The print date in the letter's language.
    pub date: String,
    pub name: String,
    pub address: Vec<String>,
    pub blocks: Vec<Block>,
    pub words: LetterFooter,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LetterFooter {
    #[serde(flatten)]
    pub words: LetterWords,
    pub date: String,
}

pub fn letters_note(d: &LettersData) -> String {
    let n = d.letters.len();
    let plural = if n == 1 { "letter" } else { "letters" };
    match d.spanish {
        0 => format!("{n} {plural}, all in English."),
        s if s == n => format!("{n} {plural}, all in Spanish."),
        s => format!("{n} {plural}: {} in English, {s} in Spanish.", n - s),
    }
}

/// One letter per invitee to be notified (vetted, or handed a notice and not yet at the
/// door), by last name, each in the person's preferred language.
pub fn letters_data(
    call_in: &CallIn,
    invitations: &[Invitation],
    recipients: &HashMap<String, LetterRecipient>,
    templates: &[LetterTemplate],
    printed: NaiveDate,
) -> AppResult<LettersData> {
    let template = |lang: LetterLanguage| {
        templates
            .iter()
            .find(|t| t.language == lang)
            .map(|t| t.text.as_str())
            .unwrap_or(lang.default_text())
    };
    let mut to: Vec<_> = invitations
        .iter()
        .filter(|i| gets_letter(i.status, i.walk_in))
        .collect();
    if to.is_empty() {
        return Err(AppError::Conflict(
            "There are no letters to print: no invitee of this call-in is vetted or has a notice waiting. Vet the invitees first."
                .into(),
        ));
    }
    by_last_name(&mut to);
    let mut spanish = 0;
    let mut letters = Vec::with_capacity(to.len());
    for i in to {
        let who = recipients.get(&i.person_id);
        let lang = who
            .map(|r| LetterLanguage::of_person(&r.preferred_language))
            .unwrap_or(LetterLanguage::English);
        if lang == LetterLanguage::Spanish {
            spanish += 1;
        }
        let facts = facts(
            call_in,
            &i.first_name,
            &i.last_name,
            i.officer_name.as_deref(),
        );
        letters.push(Letter {
            lang: lang.as_str(),
            heading: call_in.title.clone(),
            date: letter_date(printed, lang),
            name: format!("{} {}", i.first_name.trim(), i.last_name.trim())
                .trim()
                .to_string(),
            address: who
                .and_then(|r| clean_lines(r.address.as_deref()))
                .map(|a| a.lines().map(str::to_string).collect())
                .unwrap_or_default(),
            blocks: merge(template(lang), &facts, lang)?,
            words: LetterFooter {
                words: letter_words(lang),
                date: letter_date(printed, lang),
            },
        });
    }
    Ok(LettersData {
        title: format!("Invitation letters — {}", call_in.title),
        heading: call_in.title.clone(),
        letters,
        spanish,
    })
}

fn facts(call_in: &CallIn, first: &str, last: &str, officer: Option<&str>) -> LetterFacts {
    LetterFacts {
        first_name: first.to_string(),
        last_name: last.to_string(),
        title: call_in.title.clone(),
        date: call_in.day(),
        time: call_in.start(),
        venue: call_in.venue_name.clone().unwrap_or_default(),
        address: call_in.venue_address.clone().unwrap_or_default(),
        accessibility: call_in.venue_accessibility.clone().unwrap_or_default(),
        minutes: call_in.expected_minutes,
        officer: officer.unwrap_or_default().to_string(),
    }
}

// ---- run-of-show --------------------------------------------------------------------

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SegmentRow {
    pub time: String,
    pub minutes: String,
    pub segment: &'static str,
    pub detail: String,
    pub speakers: Vec<SpeakerLine>,
    pub no_speaker: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SpeakerLine {
    pub name: String,
    pub role: &'static str,
    pub organization: String,
    pub status: &'static str,
}

pub fn run_of_show_data(
    call_in: &CallIn,
    show: &RunOfShow,
    printed: NaiveDate,
) -> AppResult<SheetData<[&'static str; 4], SegmentRow>> {
    if show.segments.is_empty() {
        return Err(AppError::Conflict(
            "The run-of-show has no segments yet. Add them in the plan (Speakers step) first."
                .into(),
        ));
    }
    let rows = show
        .segments
        .iter()
        .map(|s| SegmentRow {
            time: s
                .starts_at
                .as_deref()
                .and_then(clock)
                .unwrap_or_else(|| "—".into()),
            minutes: format!("{} min", s.minutes),
            segment: s.kind.label_en(),
            detail: s.title.clone().unwrap_or_default(),
            speakers: s
                .speakers
                .iter()
                .map(|a| SpeakerLine {
                    name: a.speaker_name.clone(),
                    role: a.role.label_en(),
                    organization: a.organization.clone().unwrap_or_default(),
                    status: a.status.label_en(),
                })
                .collect(),
            no_speaker: "No speaker assigned",
        })
        .collect();
    let mut total = match show.expected_minutes {
        Some(e) => format!("Total {} of {e} minutes", show.total_minutes),
        None => format!("Total {} minutes", show.total_minutes),
    };
    if let Some(end) = show.ends_at.as_deref().and_then(clock) {
        total.push_str(&format!(" · ends {end}"));
    }
    Ok(SheetData {
        document: "Run-of-show",
        lang: "en",
        printed: printed_on(printed),
        layout: letter(26.0),
        call_in: CallInHeader::of(call_in),
        labels: ["Time", "Minutes", "Segment", "Speakers"],
        rows,
        extra: Some(total),
    })
}

// ---- follow-up list -------------------------------------------------------------------

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FollowUpRow {
    pub person: String,
    pub phone: String,
    pub need: &'static str,
    pub service: String,
    pub provider: String,
    pub status: &'static str,
    pub due: String,
    pub overdue: bool,
    pub overdue_word: &'static str,
    pub last_contact: String,
    pub call_in: String,
}

fn short_date(text: Option<&str>) -> String {
    text.and_then(stored_date)
        .map(|d| d.format("%b %-d, %Y").to_string())
        .unwrap_or_default()
}

pub type FollowUpSheet = SheetData<[&'static str; 7], FollowUpRow>;

/// The follow-up list as printed, built one referral at a time as they are read: every
/// matching referral except those under 42 CFR Part 2 without consent given, which are
/// counted in the note (`extra`) instead.
#[derive(Default)]
pub struct FollowUpList {
    rows: Vec<FollowUpRow>,
    withheld: u32,
    overdue: u32,
}

impl FollowUpList {
    pub fn push(&mut self, r: ReferralRow) {
        if !exportable(r.part2, r.consent) {
            self.withheld += 1;
            return;
        }
        self.overdue += u32::from(r.overdue);
        self.rows.push(FollowUpRow {
            person: r.person_name,
            phone: r.phone.unwrap_or_default(),
            need: r.need.label_en(),
            service: r.service_name.unwrap_or_default(),
            provider: r.provider_name.unwrap_or_default(),
            status: r.status.label_en(),
            due: short_date(r.due_on.as_deref()),
            overdue: r.overdue,
            overdue_word: "Overdue",
            last_contact: match (r.last_contact_on.as_deref(), r.last_contact_outcome) {
                (Some(d), Some(o)) => format!("{} · {}", short_date(Some(d)), o.label_en()),
                (Some(d), None) => short_date(Some(d)),
                _ => String::new(),
            },
            call_in: r.call_in_title.unwrap_or_default(),
        });
    }

    /// The sheet, its header naming the filter (`names`: the provider's and the call-in's
    /// names the query filters on, as the store has them).
    pub fn finish(
        self,
        query: &ReferralQuery,
        names: FilterNames,
        printed: NaiveDate,
    ) -> FollowUpSheet {
        let note = super::followups::withheld_note(self.withheld, "list");
        let count = self.rows.len();
        let header = CallInHeader {
            title: list_title(query).into(),
            when: format!(
                "{count} {} · {} overdue",
                if count == 1 { "referral" } else { "referrals" },
                self.overdue
            ),
            venue: describe(query, names),
        };
        SheetData {
            document: "Follow-up list",
            lang: "en",
            printed: printed_on(printed),
            layout: letter_landscape(30.0),
            call_in: header,
            labels: [
                "Person",
                "Need",
                "Service / provider",
                "Status",
                "Due",
                "Last contact",
                "Call-in",
            ],
            rows: self.rows,
            extra: note,
        }
    }
}

/// The names of the records a referral filter names; `None` for one removed since (it is
/// described, not refused).
#[derive(Debug, Default)]
pub struct FilterNames {
    pub provider: Option<String>,
    pub call_in: Option<String>,
}

/// "Open referrals", unless the list is filtered to a closed status.
fn list_title(q: &ReferralQuery) -> &'static str {
    match q.status {
        Some(s) if !s.is_open() => "Referrals",
        _ => "Open referrals",
    }
}

/// The filter in words, for the page header: "Overdue · Housing · Eastside call-in".
fn describe(q: &ReferralQuery, names: FilterNames) -> String {
    use crate::domain::followups::DueFilter;
    let mut parts: Vec<String> = Vec::new();
    match q.due {
        Some(DueFilter::Overdue) => parts.push("Overdue".into()),
        Some(DueFilter::ThisWeek) => parts.push("Due this week".into()),
        None => {}
    }
    if let Some(s) = q.status {
        parts.push(s.label_en().into());
    }
    if let Some(n) = q.need {
        parts.push(n.label_en().into());
    }
    if q.provider_id.as_deref().is_some_and(|p| !p.is_empty()) {
        parts.push(
            names
                .provider
                .unwrap_or_else(|| "(removed provider)".into()),
        );
    }
    if q.call_in_id.as_deref().is_some_and(|c| !c.is_empty()) {
        parts.push(names.call_in.unwrap_or_else(|| "(removed call-in)".into()));
    }
    if parts.is_empty() {
        "No filter".into()
    } else {
        parts.join(" · ")
    }
}

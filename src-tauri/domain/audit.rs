//! The audit log as the coordinator and an auditor read it: the filter, what changed field
//! by field, the words for each kind of record and action, and what an export withholds.

use chrono::{NaiveDate, TimeZone};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::followups::{exportable, Consent};
use crate::error::{AppError, AppResult};

/// The audit log's filter; every part optional. Dates are the coordinator's calendar days.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditQuery {
    #[ts(optional)]
    pub from: Option<String>,
    #[ts(optional)]
    pub to: Option<String>,
    /// A kind of record (`person`, `referral`, …).
    #[ts(optional)]
    pub entity: Option<String>,
    #[ts(optional)]
    pub action: Option<String>,
    /// Text anywhere in the entry (its values before and after, the record id, who).
    #[ts(optional)]
    pub text: Option<String>,
    /// The position after the last entry of the page before (newest first).
    #[ts(optional)]
    pub cursor: Option<String>,
}

/// The filter as the store runs it: instants in UTC text, the cursor as a sequence number.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuditFilter {
    pub from_utc: Option<String>,
    pub to_utc: Option<String>,
    pub entity: Option<String>,
    pub action: Option<String>,
    pub text: Option<String>,
    pub before_seq: Option<i64>,
}

/// Entries on one page of the list.
pub const PAGE: usize = 100;

fn local_midnight_utc(date: NaiveDate) -> String {
    let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    let local = chrono::Local
        .from_local_datetime(&midnight)
        .earliest()
        .map(|d| d.with_timezone(&chrono::Utc))
        .unwrap_or_else(|| chrono::Utc.from_utc_datetime(&midnight));
    local.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Checks the filter and turns its days into instants: `from` is the start of that day,
/// `to` the end of that day, on this computer's clock.
pub fn filter(q: &AuditQuery) -> AppResult<AuditFilter> {
    let from = super::time::parse_date("from", "The first day", q.from.as_deref())?;
    let to = super::time::parse_date("to", "The last day", q.to.as_deref())?;
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(AppError::invalid(
                "to",
                "The last day comes before the first day.",
            ));
        }
    }
    let before_seq = match q.cursor.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        None => None,
        Some(c) => Some(
            c.parse::<i64>()
                .map_err(|_| AppError::invalid("cursor", "The list position is not valid."))?,
        ),
    };
    let clean = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    Ok(AuditFilter {
        from_utc: from.map(local_midnight_utc),
        to_utc: to.and_then(|t| t.succ_opt()).map(local_midnight_utc),
        entity: clean(&q.entity),
        action: clean(&q.action),
        text: clean(&q.text).map(|t| t.to_lowercase()),
        before_seq,
    })
}

/// One entry of the list.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditRow {
    pub id: String,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub action_label: String,
    pub entity: String,
    pub entity_label: String,
    pub entity_id: Option<String>,
    /// What changed, field by field.
    pub changes: Vec<FieldChange>,
}

/// One field of an entry: its value before and after (absent: the field was not there).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldChange {
    /// The field's path in the record (`supervisions.0.officerName`).
    pub field: String,
    /// The same, in words ("Supervisions 1 › Officer name").
    pub label: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// A page of the audit log, newest first.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditPage {
    pub rows: Vec<AuditRow>,
    #[ts(type = "number")]
    pub total: i64,
    pub next_cursor: Option<String>,
}

/// The kinds of record and the actions the log holds, for the filter's choices.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditOptions {
    pub entities: Vec<AuditChoice>,
    pub actions: Vec<AuditChoice>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditChoice {
    pub value: String,
    pub label: String,
}

/// The words for each kind of record (one table: the screen, the export).
pub fn entity_label(entity: &str) -> String {
    let known = match entity {
        "person" => "Person",
        "group" => "Group",
        "group_membership" => "Group membership",
        "group_link" => "Group link",
        "call_in" => "Call-in",
        "invitation" => "Invitation",
        "checklist_item" => "Checklist item",
        "agenda_segment" => "Run-of-show segment",
        "speaker" => "Speaker",
        "speaker_assignment" => "Speaker at a call-in",
        "provider" => "Provider",
        "service" => "Service",
        "provider_assignment" => "Provider at a call-in",
        "referral" => "Referral",
        "setting" => "Setting",
        "letter_template" => "Letter template",
        "import" => "Import",
        "import_mapping" => "Saved import mapping",
        "database" => "Database",
        _ => return words(entity),
    };
    known.to_owned()
}

/// The words for each action.
pub fn action_label(action: &str) -> String {
    let known = match action {
        "create" => "Created",
        "update" => "Changed",
        "delete" => "Removed",
        "archive" => "Archived",
        "restore" => "Restored",
        "merge" => "Merged",
        "not_duplicate" => "Marked not a duplicate",
        "add_member" => "Member added",
        "remove_member" => "Member removed",
        "link" => "Groups linked",
        "unlink" => "Link removed",
        "status" => "Status changed",
        "notice" => "Notice recorded",
        "acknowledge_warning" => "Warning acknowledged",
        "check_in" => "Checked in",
        "walk_in" => "Walk-in added",
        "undo_check_in" => "Check-in undone",
        "offer" => "Offer of help recorded",
        "move" => "Moved",
        "contact" => "Contact attempt logged",
        "consent" => "Consent recorded",
        "custom_notification" => "Notification sent",
        "no_show" => "No-show recorded",
        "import" => "Imported",
        "undo_import" => "Import undone",
        "backup" => "Backup made",
        "change_passphrase" => "Passphrase changed",
        "wizard_step" => "Planning step saved",
        "save" => "Saved",
        "save_service" => "Service saved",
        _ => return words(action),
    };
    known.to_owned()
}

/// `camelCase` or `snake_case` as words: "officerName" → "Officer name".
pub fn words(key: &str) -> String {
    let mut out = String::new();
    for (i, c) in key.chars().enumerate() {
        if c == '_' {
            out.push(' ');
        } else if c.is_uppercase() && i > 0 {
            out.push(' ');
            out.extend(c.to_lowercase());
        } else if i == 0 {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// A field's path in words: numbers count from 1 ("supervisions.0.endDate" → "Supervisions
/// 1 › End date").
pub fn field_label(path: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    for part in path.split('.') {
        match part.parse::<usize>() {
            Ok(n) => {
                if let Some(last) = parts.last_mut() {
                    last.push_str(&format!(" {}", n + 1));
                } else {
                    parts.push((n + 1).to_string());
                }
            }
            Err(_) => parts.push(words(part)),
        }
    }
    parts.join(" › ")
}

fn flatten(prefix: &str, v: &serde_json::Value, out: &mut Vec<(String, Option<String>)>) {
    use serde_json::Value;
    let key = |k: &str| {
        if prefix.is_empty() {
            k.to_owned()
        } else {
            format!("{prefix}.{k}")
        }
    };
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                flatten(&key(k), v, out);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for (i, v) in items.iter().enumerate() {
                flatten(&key(&i.to_string()), v, out);
            }
        }
        Value::Array(_) => out.push((prefix.to_owned(), None)),
        Value::Null => out.push((prefix.to_owned(), None)),
        Value::String(s) if s.is_empty() => out.push((prefix.to_owned(), None)),
        Value::String(s) => out.push((prefix.to_owned(), Some(s.clone()))),
        other => out.push((prefix.to_owned(), Some(other.to_string()))),
    }
}

/// What an entry changed, field by field: every field whose value differs between before
/// and after (a record created has only "after"; one removed only "before"). A value that is
/// not an object is one field named "value".
pub fn changes(before: Option<&str>, after: Option<&str>) -> Vec<FieldChange> {
    let parse = |t: Option<&str>| -> Vec<(String, Option<String>)> {
        let Some(v) = t.and_then(|t| serde_json::from_str::<serde_json::Value>(t).ok()) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        if v.is_object() {
            flatten("", &v, &mut out);
        } else {
            flatten("value", &v, &mut out);
        }
        out
    };
    let b = parse(before);
    let a = parse(after);
    let mut fields: Vec<&str> = Vec::new();
    for (k, _) in b.iter().chain(a.iter()) {
        if !fields.contains(&k.as_str()) {
            fields.push(k);
        }
    }
    let get = |list: &[(String, Option<String>)], k: &str| {
        list.iter()
            .find(|(f, _)| f == k)
            .and_then(|(_, v)| v.clone())
    };
    fields
        .into_iter()
        .filter_map(|f| {
            let (bv, av) = (get(&b, f), get(&a, f));
            (bv != av).then(|| FieldChange {
                field: f.to_owned(),
                label: field_label(f),
                before: bv,
                after: av,
            })
        })
        .collect()
}

/// Whether an entry's values may leave the app in an export: not when it is about a 42 CFR
/// Part 2 referral without consent given (`part2` is the worst such referral it touches).
pub fn entry_exportable(part2: Option<(bool, Option<Consent>)>) -> bool {
    match part2 {
        Some((p, consent)) => exportable(p, consent),
        None => true,
    }
}

/// What an export says in place of values it withholds.
pub const WITHHELD: &str = "Withheld: a 42 CFR Part 2 referral without recorded consent";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_shows_each_changed_field_in_words() {
        let before = r#"{"lastName":"Doe","phone":"","supervisions":[{"officerName":"Kim"}],"status":"active"}"#;
        let after = r#"{"lastName":"Doe","phone":"555-0100","supervisions":[{"officerName":"Ruiz"}],"status":"active"}"#;
        let c = changes(Some(before), Some(after));
        assert_eq!(
            c,
            vec![
                FieldChange {
                    field: "phone".into(),
                    label: "Phone".into(),
                    before: None,
                    after: Some("555-0100".into())
                },
                FieldChange {
                    field: "supervisions.0.officerName".into(),
                    label: "Supervisions 1 › Officer name".into(),
                    before: Some("Kim".into()),
                    after: Some("Ruiz".into())
                },
            ]
        );
        // Created: every field that has a value; removed: every field it had.
        assert_eq!(changes(None, Some(r#"{"a":1,"b":""}"#)).len(), 1);
        assert_eq!(
            changes(Some(r#"{"a":1}"#), None)[0].before.as_deref(),
            Some("1")
        );
        // A plain value is one field.
        assert_eq!(changes(Some("\"10\""), Some("\"12\""))[0].field, "value");
    }

    #[test]
    fn the_filter_takes_whole_local_days_and_refuses_a_reversed_range() {
        let f = filter(&AuditQuery {
            from: Some("2026-12-01".into()),
            to: Some("2026-12-01".into()),
            text: Some("  Núñez ".into()),
            ..Default::default()
        })
        .unwrap();
        assert!(f.from_utc.unwrap() < f.to_utc.unwrap());
        assert_eq!(f.text.as_deref(), Some("núñez"));
        let e = filter(&AuditQuery {
            from: Some("2026-12-02".into()),
            to: Some("2026-12-01".into()),
            ..Default::default()
        })
        .unwrap_err();
        assert_eq!(e.field(), Some("to"));
        assert!(filter(&AuditQuery {
            cursor: Some("x".into()),
            ..Default::default()
        })
        .is_err());
    }

    #[test]
    fn kinds_and_actions_have_words() {
        assert_eq!(entity_label("call_in"), "Call-in");
        assert_eq!(entity_label("brand_new_kind"), "Brand new kind");
        assert_eq!(action_label("change_passphrase"), "Passphrase changed");
        assert!(!entry_exportable(Some((true, None))));
        assert!(!entry_exportable(Some((true, Some(Consent::NotGiven)))));
        assert!(entry_exportable(Some((true, Some(Consent::Given)))));
        assert!(entry_exportable(None));
    }
}

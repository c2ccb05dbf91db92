//! Conflict warnings on a call-in's invitees. Warnings never block silently: each has a
//! stable key the coordinator acknowledges; a changed situation makes a new key.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::people::PersonStatus;
use crate::domain::text_enum;

text_enum!(
    WarningKind {
        Feud = "feud",
        OtherOpenCallIn = "other_open_call_in",
        SupervisionEndsBefore = "supervision_ends_before",
        NotActive = "not_active",
        OverCapacity = "over_capacity",
    }
);

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, TS)]
#[serde(rename_all = "camelCase")]
pub struct Warning {
    /// Stable while the situation is the same; what an acknowledgement records.
    pub key: String,
    pub kind: WarningKind,
    pub message: String,
    /// The invitee it is about; none for the call-in as a whole (capacity).
    pub person_id: Option<String>,
    pub acknowledged: bool,
}

/// What is known of one invitee (or candidate) for the warnings.
#[derive(Debug, Clone)]
pub struct InviteeFacts {
    pub person_id: String,
    pub name: String,
    pub status: PersonStatus,
    pub supervision_end: Option<NaiveDate>,
    /// (group id, group name)
    pub groups: Vec<(String, String)>,
    /// Titles of the other open call-ins this person is invited to, by id.
    pub other_open_call_ins: Vec<(String, String)>,
}

/// The whole picture of a call-in, for its warnings.
pub struct CallInFacts<'a> {
    pub date: Option<NaiveDate>,
    pub capacity: Option<u32>,
    /// Those who count against capacity and warnings (not ineligible, not excused).
    pub invitees: &'a [InviteeFacts],
    /// Feuding group pairs (each pair once, in any order).
    pub feuds: &'a [(String, String)],
    pub acknowledged: &'a BTreeSet<String>,
}

fn status_label(s: PersonStatus) -> &'static str {
    match s {
        PersonStatus::Active => "active",
        PersonStatus::InCustody => "in custody",
        PersonStatus::Moved => "moved away",
        PersonStatus::Deceased => "deceased",
        PersonStatus::Archived => "archived",
    }
}

/// The warnings about one person, were they on (or added to) the invitee list.
/// `others` are the other invitees (the person themself is skipped if present).
pub fn person_warnings(call_in: &CallInFacts, person: &InviteeFacts) -> Vec<Warning> {
    let mut out = Vec::new();
    let ack = |key: &str| call_in.acknowledged.contains(key);
    let mut push = |key: String, kind: WarningKind, message: String| {
        let acknowledged = ack(&key);
        out.push(Warning {
            key,
            kind,
            message,
            person_id: Some(person.person_id.clone()),
            acknowledged,
        });
    };

    // Feuds: another invitee belongs to a group in a feud with one of this person's groups.
    // A feud between two groups of the same person is no conflict on its own.
    let mine: BTreeSet<&str> = person.groups.iter().map(|(id, _)| id.as_str()).collect();
    let mut rivals: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    for (a, b) in call_in.feuds {
        for (own, rival) in [(a, b), (b, a)] {
            if !mine.contains(own.as_str()) || mine.contains(rival.as_str()) {
                continue;
            }
            for other in call_in
                .invitees
                .iter()
                .filter(|o| o.person_id != person.person_id)
            {
                if let Some((_, rival_name)) = other.groups.iter().find(|(g, _)| g == rival) {
                    let entry = rivals
                        .entry(rival.clone())
                        .or_insert_with(|| (rival_name.clone(), Vec::new()));
                    if !entry.1.contains(&other.name) {
                        entry.1.push(other.name.clone());
                    }
                }
            }
        }
    }
    for (rival_id, (rival_name, names)) in rivals {
        push(
            format!("feud:{}:{rival_id}", person.person_id),
            WarningKind::Feud,
            format!(
                "Feud: {rival_name} members are invited too ({}).",
                names.join(", ")
            ),
        );
    }

    for (id, title) in &person.other_open_call_ins {
        push(
            format!("other_call_in:{}:{id}", person.person_id),
            WarningKind::OtherOpenCallIn,
            format!("Also invited to another open call-in: {title}."),
        );
    }

    if let (Some(end), Some(day)) = (person.supervision_end, call_in.date) {
        if end < day {
            push(
                format!("supervision_ends:{}:{end}", person.person_id),
                WarningKind::SupervisionEndsBefore,
                format!("Supervision ends {end}, before the call-in."),
            );
        }
    }

    if person.status != PersonStatus::Active {
        push(
            format!("not_active:{}:{}", person.person_id, person.status.as_str()),
            WarningKind::NotActive,
            format!("Not active: {}.", status_label(person.status)),
        );
    }
    out
}

/// Every warning of the call-in: each invitee's, then capacity.
pub fn call_in_warnings(call_in: &CallInFacts) -> Vec<Warning> {
    let mut out: Vec<Warning> = call_in
        .invitees
        .iter()
        .flat_map(|p| person_warnings(call_in, p))
        .collect();
    if let Some(cap) = call_in.capacity {
        let n = call_in.invitees.len() as u32;
        if n > cap {
            let key = format!("over_capacity:{n}:{cap}");
            out.push(Warning {
                acknowledged: call_in.acknowledged.contains(&key),
                key,
                kind: WarningKind::OverCapacity,
                message: format!("{n} invitees for {cap} seats: {} over capacity.", n - cap),
                person_id: None,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: &str, groups: &[&str]) -> InviteeFacts {
        InviteeFacts {
            person_id: id.into(),
            name: format!("Person {id}"),
            status: PersonStatus::Active,
            supervision_end: None,
            groups: groups
                .iter()
                .map(|g| ((*g).into(), format!("Group {g}")))
                .collect(),
            other_open_call_ins: vec![],
        }
    }

    fn facts<'a>(
        invitees: &'a [InviteeFacts],
        feuds: &'a [(String, String)],
        acks: &'a BTreeSet<String>,
    ) -> CallInFacts<'a> {
        CallInFacts {
            date: NaiveDate::from_ymd_opt(2027, 3, 14),
            capacity: Some(3),
            invitees,
            feuds,
            acknowledged: acks,
        }
    }

    #[test]
    fn members_of_feuding_groups_warn_on_both_sides() {
        let feuds = vec![("A".to_string(), "B".to_string())];
        let invitees = vec![
            person("1", &["A"]),
            person("2", &["B"]),
            person("3", &["C"]),
        ];
        let acks = BTreeSet::new();
        let w = call_in_warnings(&facts(&invitees, &feuds, &acks));
        let keys: Vec<&str> = w.iter().map(|w| w.key.as_str()).collect();
        assert_eq!(keys, vec!["feud:1:B", "feud:2:A"]);
        assert_eq!(
            w[0].message,
            "Feud: Group B members are invited too (Person 2)."
        );
    }

    #[test]
    fn a_feud_between_a_persons_own_two_groups_is_no_conflict_alone() {
        let feuds = vec![("A".to_string(), "B".to_string())];
        let acks = BTreeSet::new();
        let alone = vec![person("1", &["A", "B"])];
        assert!(call_in_warnings(&facts(&alone, &feuds, &acks)).is_empty());
        // A second person from B is a rival of the first one's group A.
        let two = vec![person("1", &["A", "B"]), person("2", &["B"])];
        let w = call_in_warnings(&facts(&two, &feuds, &acks));
        let keys: Vec<&str> = w.iter().map(|w| w.key.as_str()).collect();
        assert_eq!(keys, vec!["feud:2:A"]);
    }

    #[test]
    fn capacity_exactly_reached_is_fine_one_over_warns() {
        let acks = BTreeSet::new();
        let three = vec![person("1", &[]), person("2", &[]), person("3", &[])];
        assert!(call_in_warnings(&facts(&three, &[], &acks)).is_empty());
        let four = vec![
            person("1", &[]),
            person("2", &[]),
            person("3", &[]),
            person("4", &[]),
        ];
        let w = call_in_warnings(&facts(&four, &[], &acks));
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].kind, WarningKind::OverCapacity);
        assert_eq!(w[0].message, "4 invitees for 3 seats: 1 over capacity.");
    }

    #[test]
    fn supervision_status_and_other_call_ins() {
        let acks: BTreeSet<String> = ["not_active:1:in_custody".to_string()].into();
        let mut p = person("1", &[]);
        p.supervision_end = NaiveDate::from_ymd_opt(2027, 3, 13);
        p.status = PersonStatus::InCustody;
        p.other_open_call_ins = vec![("c2".into(), "Summer call-in".into())];
        let invitees = vec![p];
        let w = call_in_warnings(&facts(&invitees, &[], &acks));
        let got: Vec<(WarningKind, bool)> = w.iter().map(|w| (w.kind, w.acknowledged)).collect();
        assert_eq!(
            got,
            vec![
                (WarningKind::OtherOpenCallIn, false),
                (WarningKind::SupervisionEndsBefore, false),
                (WarningKind::NotActive, true),
            ]
        );
        // Ending on the day of the call-in is fine.
        let mut q = person("2", &[]);
        q.supervision_end = NaiveDate::from_ymd_opt(2027, 3, 14);
        let invitees = vec![q];
        assert!(call_in_warnings(&facts(&invitees, &[], &acks)).is_empty());
    }
}

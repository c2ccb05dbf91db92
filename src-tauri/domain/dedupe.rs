//! Finding the same person twice: a weighted rule with two thresholds, as CiviCRM's dedupe
//! rules have (a sure match, and a possible match sent to review). Names are compared
//! folded (case, accents and punctuation ignored) with Jaro–Winkler for near spellings;
//! dates of birth are compared as dates; a same name with a different date of birth is a
//! different person. Candidates are found through blocks (same date of birth, same external
//! id, same last and first name, an alias), so 10,000 rows check against 100,000 people
//! without comparing every pair.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use strsim::jaro_winkler;
use ts_rs::TS;

use super::import::{words, MatchAction};
use crate::domain::text_enum;

/// What the rule weighs.
pub const WEIGHT_EXTERNAL_ID: u32 = 20;
pub const WEIGHT_DATE_OF_BIRTH: u32 = 8;
pub const WEIGHT_LAST_NAME: u32 = 7;
pub const WEIGHT_LAST_NAME_NEAR: u32 = 5;
pub const WEIGHT_FIRST_NAME: u32 = 5;
pub const WEIGHT_FIRST_NAME_ALIAS: u32 = 4;
pub const WEIGHT_FIRST_NAME_NEAR: u32 = 3;
pub const WEIGHT_INITIAL: u32 = 2;
/// A full name that is the other's alias counts as both names.
pub const WEIGHT_FULL_ALIAS: u32 = 12;
/// At or above: the same person (the import preselects "fill empty fields").
pub const SURE: u32 = 20;
/// At or above: perhaps the same person, for the coordinator to decide.
pub const POSSIBLE: u32 = 12;

const NEAR_LAST: f64 = 0.92;
const NEAR_FIRST: f64 = 0.90;

text_enum!(
    /// How sure a match is.
    MatchStrength {
        Sure = "sure",
        Possible = "possible",
    }
);

/// A person (or a row) as the rule sees them.
#[derive(Debug, Clone, Default)]
pub struct Candidate {
    pub first_name: String,
    pub last_name: String,
    pub aliases: Vec<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub external_id: Option<String>,
}

/// A candidate's names folded once.
#[derive(Debug, Clone)]
pub struct Keys {
    first: String,
    last: String,
    full: String,
    aliases: Vec<String>,
    dob: Option<NaiveDate>,
    ext: Option<String>,
}

impl Keys {
    pub fn of(c: &Candidate) -> Keys {
        let first = words(&c.first_name);
        let last = words(&c.last_name);
        let full = format!("{first} {last}").trim().to_owned();
        Keys {
            aliases: c
                .aliases
                .iter()
                .map(|a| words(a))
                .filter(|a| !a.is_empty())
                .collect(),
            first,
            last,
            full,
            dob: c.date_of_birth,
            ext: c
                .external_id
                .as_deref()
                .map(|e| words(e).replace(' ', ""))
                .filter(|e| !e.is_empty()),
        }
    }
}

impl Keys {
    /// The name blocks: the full name, it swapped, and every alias.
    fn names(&self) -> Vec<String> {
        let mut names = vec![self.full.clone(), format!("{} {}", self.last, self.first)];
        names.extend(self.aliases.iter().cloned());
        names
    }
}

/// A scored comparison: the total and the reasons, in words.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    pub total: u32,
    pub reasons: Vec<String>,
}

/// Compares two people by the rule.
pub fn score(a: &Keys, b: &Keys) -> Score {
    let mut reasons = Vec::new();
    let same_ext = matches!((&a.ext, &b.ext), (Some(x), Some(y)) if x == y);
    let dob_differs = matches!((a.dob, b.dob), (Some(x), Some(y)) if x != y);
    if dob_differs && !same_ext {
        return Score {
            total: 0,
            reasons: vec!["different dates of birth".into()],
        };
    }
    let mut total = 0;
    if same_ext {
        total += WEIGHT_EXTERNAL_ID;
        reasons.push("same external id".into());
    }
    if !dob_differs && a.dob.is_some() && a.dob == b.dob {
        total += WEIGHT_DATE_OF_BIRTH;
        reasons.push("same date of birth".into());
    }

    let last = if !a.last.is_empty() && a.last == b.last {
        reasons.push("same last name".into());
        WEIGHT_LAST_NAME
    } else if !a.last.is_empty()
        && !b.last.is_empty()
        && jaro_winkler(&a.last, &b.last) >= NEAR_LAST
    {
        reasons.push("similar last name".into());
        WEIGHT_LAST_NAME_NEAR
    } else {
        0
    };
    let alias_of = |x: &str, k: &Keys| !x.is_empty() && k.aliases.iter().any(|al| al == x);
    let first = if !a.first.is_empty() && a.first == b.first {
        reasons.push("same first name".into());
        WEIGHT_FIRST_NAME
    } else if alias_of(&a.first, b)
        || alias_of(&b.first, a)
        || a.aliases.iter().any(|x| b.aliases.contains(x))
    {
        reasons.push("a first name is the other's alias".into());
        WEIGHT_FIRST_NAME_ALIAS
    } else if !a.first.is_empty()
        && !b.first.is_empty()
        && jaro_winkler(&a.first, &b.first) >= NEAR_FIRST
    {
        reasons.push("similar first name".into());
        WEIGHT_FIRST_NAME_NEAR
    } else if initial_matches(&a.first, &b.first) {
        reasons.push("first initial matches".into());
        WEIGHT_INITIAL
    } else {
        0
    };
    let mut names = last + first;
    if alias_of(&a.full, b) || alias_of(&b.full, a) {
        names = names.max(WEIGHT_FULL_ALIAS);
        reasons.push("a full name is the other's alias".into());
    }
    let swapped = !a.first.is_empty() && a.first == b.last && a.last == b.first;
    if swapped && names < WEIGHT_LAST_NAME + WEIGHT_FIRST_NAME - WEIGHT_INITIAL {
        names = WEIGHT_LAST_NAME + WEIGHT_FIRST_NAME - WEIGHT_INITIAL;
        reasons.push("first and last names swapped".into());
    }
    total += names;
    // The same external id with another date of birth is for the coordinator to look at.
    if same_ext && dob_differs {
        total = total.min(SURE - 1);
        reasons.push("but different dates of birth".into());
    }
    Score { total, reasons }
}

fn initial_matches(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.chars().count() == 1 && long.starts_with(short)
}

pub fn strength(total: u32) -> Option<MatchStrength> {
    if total >= SURE {
        Some(MatchStrength::Sure)
    } else if total >= POSSIBLE {
        Some(MatchStrength::Possible)
    } else {
        None
    }
}

/// The people a search runs over, indexed by block.
pub struct Index {
    keys: Vec<Keys>,
    by_dob: HashMap<NaiveDate, Vec<u32>>,
    by_ext: HashMap<String, Vec<u32>>,
    by_name: HashMap<String, Vec<u32>>,
}

impl Index {
    pub fn new() -> Index {
        Index {
            keys: Vec::new(),
            by_dob: HashMap::new(),
            by_ext: HashMap::new(),
            by_name: HashMap::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Adds a candidate; its position is its number in the index.
    pub fn push(&mut self, keys: Keys) -> u32 {
        let at = self.keys.len() as u32;
        if let Some(d) = keys.dob {
            self.by_dob.entry(d).or_default().push(at);
        }
        if let Some(e) = &keys.ext {
            self.by_ext.entry(e.clone()).or_default().push(at);
        }
        // A name block per full name, swapped name and alias.
        let mut names = keys.names();
        names.sort();
        names.dedup();
        for n in names.into_iter().filter(|n| !n.trim().is_empty()) {
            self.by_name
                .entry(n.trim().to_owned())
                .or_default()
                .push(at);
        }
        self.keys.push(keys);
        at
    }

    /// The candidates sharing a block with `keys`: their date of birth, external id, a name
    /// or an alias.
    fn blocks_of(&self, keys: &Keys) -> Vec<u32> {
        let mut seen: Vec<u32> = Vec::new();
        if let Some(d) = keys.dob {
            seen.extend(self.by_dob.get(&d).into_iter().flatten());
        }
        if let Some(e) = &keys.ext {
            seen.extend(self.by_ext.get(e).into_iter().flatten());
        }
        for n in keys.names() {
            seen.extend(self.by_name.get(n.trim()).into_iter().flatten());
        }
        seen.sort_unstable();
        seen.dedup();
        seen
    }

    /// The best match of `keys` among the candidates, at or above the possible threshold
    /// (`skip` is left out, with everything `allowed` says no to).
    pub fn best(&self, keys: &Keys, allowed: impl Fn(u32) -> bool) -> Option<(u32, Score)> {
        let seen = self.blocks_of(keys);
        let mut best: Option<(u32, Score)> = None;
        for at in seen {
            if !allowed(at) {
                continue;
            }
            let s = score(keys, &self.keys[at as usize]);
            if s.total >= POSSIBLE && best.as_ref().is_none_or(|(_, b)| s.total > b.total) {
                best = Some((at, s));
            }
        }
        best
    }
}

impl Default for Index {
    fn default() -> Self {
        Index::new()
    }
}

/// What the coordinator chose for a row that matches someone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MatchDecision {
    pub row: u32,
    pub action: MatchAction,
}

/// The actions open for a match: a row matching an earlier row of the file is skipped or
/// added; one matching a person of the registry can also update them or fill their gaps.
pub fn actions_for(in_file: bool) -> Vec<MatchAction> {
    if in_file {
        vec![MatchAction::Skip, MatchAction::AddNew]
    } else {
        vec![
            MatchAction::FillEmpty,
            MatchAction::Update,
            MatchAction::Skip,
            MatchAction::AddNew,
        ]
    }
}

/// The action taken when the coordinator chose none: a sure match fills empty fields (or,
/// in the file, is skipped); a possible match must be decided.
pub fn default_action(strength: MatchStrength, in_file: bool) -> Option<MatchAction> {
    match (strength, in_file) {
        (MatchStrength::Sure, false) => Some(MatchAction::FillEmpty),
        (MatchStrength::Sure, true) => Some(MatchAction::Skip),
        (MatchStrength::Possible, _) => None,
    }
}

/// Pairs of the registry found by the rule, best first: `(a, b, score)` by index number,
/// each pair once, those `dismissed` says no to left out.
pub fn registry_pairs(
    index: &Index,
    dismissed: impl Fn(u32, u32) -> bool,
    limit: usize,
) -> Vec<(u32, u32, Score)> {
    let mut out = Vec::new();
    for (i, k) in index.keys.iter().enumerate() {
        let i = i as u32;
        // Every pair found through a block, not only the best one.
        let seen = index.blocks_of(k);
        for j in seen.into_iter().filter(|j| *j > i) {
            if dismissed(i, j) {
                continue;
            }
            let s = score(k, &index.keys[j as usize]);
            if s.total >= POSSIBLE {
                out.push((i, j, s));
            }
        }
    }
    out.sort_by(|a, b| b.2.total.cmp(&a.2.total).then(a.0.cmp(&b.0)));
    out.truncate(limit);
    out
}

/// A row's match: a person of the registry (by index number) or an earlier row of the file.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    Registry(u32),
    Row(usize),
}

/// Matches each row (by position; `None` for rows without a person) against the registry,
/// then against the rows before it.
pub fn match_rows(registry: &Index, rows: &[Option<Candidate>]) -> Vec<Option<(Found, Score)>> {
    let mut file = Index::new();
    let mut at_row: Vec<usize> = Vec::new();
    rows.iter()
        .enumerate()
        .map(|(i, c)| {
            let c = c.as_ref()?;
            let keys = Keys::of(c);
            let found = registry
                .best(&keys, |_| true)
                .map(|(at, s)| (Found::Registry(at), s))
                .or_else(|| {
                    file.best(&keys, |_| true)
                        .map(|(at, s)| (Found::Row(at_row[at as usize]), s))
                });
            file.push(keys);
            at_row.push(i);
            found
        })
        .collect()
}

text_enum!(
    /// A field of a person the merge takes from one record or the other.
    MergeField {
        FirstName = "first_name",
        LastName = "last_name",
        DateOfBirth = "date_of_birth",
        Phone = "phone",
        Address = "address",
        Area = "area",
        PreferredLanguage = "preferred_language",
        Notes = "notes",
        Status = "status",
    }
);

/// The merged record: the kept person with the fields chosen from the other, the other's
/// aliases and (when it differs) the other's name as an alias. Supervisions, memberships
/// and needs of both are kept by the store, which moves the other's rows over.
pub fn merged_person(
    keep: &super::people::Person,
    other: &super::people::Person,
    take: &[MergeField],
) -> super::people::PersonInput {
    use super::text::fold;
    let mut input = keep.to_input();
    let o = other.to_input();
    for f in take {
        match f {
            MergeField::FirstName => input.first_name = o.first_name.clone(),
            MergeField::LastName => input.last_name = o.last_name.clone(),
            MergeField::DateOfBirth => input.date_of_birth = o.date_of_birth.clone(),
            MergeField::Phone => input.phone = o.phone.clone(),
            MergeField::Address => input.address = o.address.clone(),
            MergeField::Area => input.area = o.area.clone(),
            MergeField::PreferredLanguage => {
                input.preferred_language = o.preferred_language.clone()
            }
            MergeField::Notes => input.notes = o.notes.clone(),
            MergeField::Status => input.status = o.status,
        }
    }
    let name = |p: &super::people::Person| {
        format!("{} {}", p.first_name, p.last_name)
            .trim()
            .to_owned()
    };
    let kept_name = fold(&format!("{} {}", input.first_name, input.last_name));
    let mut extra: Vec<String> = other.aliases.clone();
    for n in [name(other), name(keep)] {
        if fold(&n) != kept_name {
            extra.push(n);
        }
    }
    for a in extra {
        if !input.aliases.iter().any(|x| fold(x) == fold(&a)) {
            input.aliases.push(a);
        }
    }
    input
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(
        first: &str,
        last: &str,
        dob: Option<(i32, u32, u32)>,
        ext: Option<&str>,
        aliases: &[&str],
    ) -> Keys {
        Keys::of(&Candidate {
            first_name: first.into(),
            last_name: last.into(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            date_of_birth: dob.map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap()),
            external_id: ext.map(str::to_owned),
        })
    }

    #[test]
    fn the_rule_weighs_names_dates_and_ids() {
        let dob = Some((1990, 3, 4));
        let jane = k("Jane", "Núñez", dob, None, &[]);
        // Case, accents and punctuation ignored.
        let s = score(&jane, &k("JANE", "nunez", dob, None, &[]));
        assert_eq!(strength(s.total), Some(MatchStrength::Sure), "{s:?}");
        // Same name, different date of birth: a different person.
        assert_eq!(
            score(&jane, &k("Jane", "Nunez", Some((1991, 3, 4)), None, &[])).total,
            0
        );
        // A near spelling with the same date of birth: possible... or sure with the first name.
        let s = score(
            &k("Jane", "Johnson", dob, None, &[]),
            &k("Jane", "Jonson", dob, None, &[]),
        );
        assert_eq!(strength(s.total), Some(MatchStrength::Possible), "{s:?}");
        // Same name, one without a date of birth: possible.
        let s = score(&jane, &k("Jane", "Nunez", None, None, &[]));
        assert_eq!(strength(s.total), Some(MatchStrength::Possible));
        // A different last name with the same date of birth and first name: possible only.
        let s = score(&jane, &k("Jane", "Smith", dob, None, &[]));
        assert_eq!(strength(s.total), Some(MatchStrength::Possible));
        // Strangers on the same birthday.
        assert_eq!(
            strength(score(&jane, &k("Rick", "Roe", dob, None, &[])).total),
            None
        );
        // The external id alone is sure; with another date of birth, possible.
        let s = score(
            &k("J", "Doe", None, Some("P-123"), &[]),
            &k("Jane", "Roe", None, Some("p123"), &[]),
        );
        assert_eq!(strength(s.total), Some(MatchStrength::Sure));
        let s = score(
            &k("J", "Doe", Some((1990, 1, 1)), Some("P123"), &[]),
            &k("J", "Doe", dob, Some("P123"), &[]),
        );
        assert_eq!(strength(s.total), Some(MatchStrength::Possible));
        // An alias.
        let s = score(
            &k("Junebug", "", dob, None, &[]),
            &k("June", "Carter", dob, None, &["Junebug"]),
        );
        assert!(s.total >= POSSIBLE, "{s:?}");
        let s = score(
            &k("Jay", "Dee", None, None, &[]),
            &k("John", "Doe", None, None, &["Jay Dee"]),
        );
        assert_eq!(strength(s.total), Some(MatchStrength::Possible), "{s:?}");
    }

    #[test]
    fn the_index_finds_through_blocks() {
        let mut index = Index::new();
        index.push(k("Ana", "Peña", Some((1980, 1, 1)), None, &[]));
        index.push(k("Jane", "Doe", Some((1990, 3, 4)), None, &[]));
        index.push(k("John", "Doe", None, Some("X1"), &[]));
        let (at, s) = index
            .best(&k("jane", "DOE", Some((1990, 3, 4)), None, &[]), |_| true)
            .unwrap();
        assert_eq!(at, 1);
        assert_eq!(strength(s.total), Some(MatchStrength::Sure));
        assert_eq!(
            index.best(&k("Zed", "Zulu", Some((1990, 3, 4)), None, &[]), |_| true),
            None
        );
        assert_eq!(
            index
                .best(&k("Q", "Q", None, Some("x-1"), &[]), |_| true)
                .unwrap()
                .0,
            2
        );
        assert!(index
            .best(&k("jane", "DOE", Some((1990, 3, 4)), None, &[]), |a| a != 1)
            .is_none());
        let pairs = registry_pairs(&index, |_, _| false, 10);
        assert!(pairs.is_empty());
        index.push(k("Ana", "Pena", Some((1980, 1, 1)), None, &[]));
        let pairs = registry_pairs(&index, |_, _| false, 10);
        assert_eq!(pairs.len(), 1);
        assert_eq!((pairs[0].0, pairs[0].1), (0, 3));
        assert!(registry_pairs(&index, |a, b| (a, b) == (0, 3), 10).is_empty());
    }
}

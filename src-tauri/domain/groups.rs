//! Street groups, their members, and the feuds and alliances between them.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::people::{Problems, MAX_NAME, MAX_TEXT};
use super::text::{clean, fold};
use crate::domain::text_enum;
use crate::error::{AppError, AppResult};

text_enum!(
    LinkKind {
        Feud = "feud",
        Alliance = "alliance",
    }
);

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GroupInput {
    pub name: String,
    pub area: String,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidGroup {
    pub name: String,
    pub area: Option<String>,
    pub notes: Option<String>,
}

pub fn validate_group(input: &GroupInput) -> AppResult<ValidGroup> {
    let mut p = Problems::default();
    let name = clean(Some(&input.name));
    match &name {
        None => p.add("name", "Enter the group's name."),
        Some(n) if n.chars().count() > MAX_NAME => p.add(
            "name",
            format!("Name can be at most {MAX_NAME} characters."),
        ),
        _ => {}
    }
    let area = clean(Some(&input.area));
    if area.as_ref().is_some_and(|a| a.chars().count() > MAX_NAME) {
        p.add(
            "area",
            format!("Area can be at most {MAX_NAME} characters."),
        );
    }
    let notes = clean(Some(&input.notes));
    if notes.as_ref().is_some_and(|n| n.chars().count() > MAX_TEXT) {
        p.add(
            "notes",
            format!("Notes can be at most {MAX_TEXT} characters."),
        );
    }
    p.finish(|| ValidGroup {
        name: name.unwrap_or_default(),
        area,
        notes,
    })
}

/// Every group chosen still exists (`existing` holds those of `wanted` that do); the first
/// that does not is refused on its own field, `field(i)`. Groups in `kept` (already held
/// before the edit) are not checked again.
pub fn check_groups_exist(
    wanted: &[String],
    kept: &[String],
    existing: &BTreeSet<String>,
    field: impl Fn(usize) -> String,
) -> AppResult<()> {
    match wanted
        .iter()
        .enumerate()
        .find(|(_, g)| !kept.contains(g) && !existing.contains(*g))
    {
        Some((i, _)) => Err(AppError::invalid(field(i), "That group no longer exists.")),
        None => Ok(()),
    }
}

/// A link between two groups is stored once, with the two ids in order.
pub fn link_pair(a: &str, b: &str) -> AppResult<(String, String)> {
    if b.trim().is_empty() {
        return Err(AppError::invalid("otherGroupId", "Choose the other group."));
    }
    if a == b {
        return Err(AppError::invalid(
            "otherGroupId",
            "A group cannot be linked to itself.",
        ));
    }
    Ok(if a < b {
        (a.to_owned(), b.to_owned())
    } else {
        (b.to_owned(), a.to_owned())
    })
}

/// One line of the groups list.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct GroupSummary {
    pub id: String,
    pub name: String,
    pub area: Option<String>,
    pub member_count: u32,
    pub feud_count: u32,
    pub alliance_count: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct GroupMember {
    pub person_id: String,
    pub first_name: String,
    pub last_name: String,
    pub role: Option<String>,
    pub archived: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct GroupLinkView {
    pub id: String,
    pub other_group_id: String,
    pub other_group_name: String,
    pub kind: LinkKind,
}

/// A group with its members and links.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    pub id: String,
    pub name: String,
    pub area: Option<String>,
    pub notes: Option<String>,
    pub members: Vec<GroupMember>,
    pub links: Vec<GroupLinkView>,
    pub created_at: String,
    pub updated_at: String,
}

/// Group names are unique ignoring case and accents ("Núñez Crew" is "nunez crew"):
/// `name` against the `(id, name)` of every group, leaving out the group `except` (an edit).
pub fn check_name_free(
    name: &str,
    except: Option<&str>,
    groups: &[(String, String)],
) -> AppResult<()> {
    let wanted = fold(name);
    match groups
        .iter()
        .find(|(id, other)| Some(id.as_str()) != except && fold(other) == wanted)
    {
        Some((_, other)) => Err(AppError::invalid(
            "name",
            format!("A group named “{other}” already exists."),
        )),
        None => Ok(()),
    }
}

/// A person added to a group: someone chosen (`exists`: in the registry), not a member yet.
pub fn check_new_member(group: &Group, person_id: &str, exists: bool) -> AppResult<()> {
    if person_id.trim().is_empty() {
        return Err(AppError::invalid("personId", "Choose a person to add."));
    }
    if !exists {
        return Err(AppError::invalid(
            "personId",
            "That person is not in the registry.",
        ));
    }
    if group.members.iter().any(|m| m.person_id == person_id) {
        return Err(AppError::invalid(
            "personId",
            "This person is already a member of the group.",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chosen_groups_must_still_exist_unless_already_held() {
        let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let existing: BTreeSet<String> = ids(&["a", "b"]).into_iter().collect();
        let field = |i| format!("groups.{i}.groupId");
        assert!(check_groups_exist(&ids(&["a", "b"]), &[], &existing, field).is_ok());
        let e = check_groups_exist(&ids(&["a", "gone", "b"]), &[], &existing, field).unwrap_err();
        assert_eq!(
            (e.field(), e.to_string().as_str()),
            (Some("groups.1.groupId"), "That group no longer exists.")
        );
        // A membership the person already had is kept even if its group was deleted since.
        assert!(
            check_groups_exist(&ids(&["gone", "a"]), &ids(&["gone"]), &existing, field).is_ok()
        );
    }

    #[test]
    fn a_group_needs_a_name() {
        let err = validate_group(&GroupInput {
            name: "  ".into(),
            ..Default::default()
        })
        .unwrap_err();
        assert_eq!(err.field(), Some("name"));
        let ok = validate_group(&GroupInput {
            name: " Dixwell  Boys ".into(),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(ok.name, "Dixwell Boys");
        assert_eq!(ok.area, None);
    }

    #[test]
    fn links_are_ordered_and_never_to_self() {
        assert_eq!(
            link_pair("b", "a").unwrap(),
            ("a".to_string(), "b".to_string())
        );
        assert_eq!(
            link_pair("a", "b").unwrap(),
            ("a".to_string(), "b".to_string())
        );
        assert_eq!(
            link_pair("a", "a").unwrap_err().field(),
            Some("otherGroupId")
        );
    }
}

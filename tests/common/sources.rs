//! The app's commands read from its sources as text (`#[tauri::command]` functions in
//! `src-tauri/commands/*.rs`, the names in `command_list!`), for the tests that check every
//! command: tests/commands.rs, tests/ipc_fuzz.rs. Included with `#[path]`.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::Path;

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A command as declared: its area (file) and every parameter (name, type), those Tauri
/// fills itself included.
#[derive(Debug)]
pub struct Declared {
    pub area: String,
    pub params: Vec<(String, String)>,
}

impl Declared {
    /// The parameters the call's arguments fill (not `State`, `AppHandle`, …).
    pub fn arguments(&self) -> impl Iterator<Item = &(String, String)> {
        self.params.iter().filter(|(_, t)| !injected(t))
    }
}

/// The text between the `(` at `open` and its matching `)`.
pub fn parenthesised(text: &str, open: usize) -> &str {
    let mut depth = 0;
    for (i, c) in text[open..].char_indices() {
        match c {
            '(' | '<' | '[' => depth += 1,
            ')' | '>' | ']' => {
                depth -= 1;
                if depth == 0 {
                    return &text[open + 1..open + i];
                }
            }
            _ => {}
        }
    }
    panic!("unbalanced parameter list");
}

/// Splits at the commas that are not inside `<…>`, `(…)` or `[…]`.
pub fn top_level_commas(list: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in list.char_indices() {
        match c {
            '(' | '<' | '[' => depth += 1,
            ')' | '>' | ']' => depth -= 1,
            ',' if depth == 0 => {
                out.push(list[start..i].trim().to_string());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(list[start..].trim().to_string());
    out.into_iter().filter(|p| !p.is_empty()).collect()
}

/// Parameters Tauri fills itself rather than from the call's arguments.
pub fn injected(ty: &str) -> bool {
    ["State<", "AppHandle", "Window", "WebviewWindow", "Webview<"]
        .iter()
        .any(|t| ty.contains(t))
}

/// Tauri's key for a parameter: `call_in_id` → `callInId`.
pub fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Every `#[tauri::command]` of `src-tauri/commands/*.rs`, by name.
pub fn declared_commands() -> BTreeMap<String, Declared> {
    let mut out = BTreeMap::new();
    let dir = root().join("src-tauri/commands");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let area = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let attributes = text
            .match_indices("#[tauri::command]")
            .filter(|(at, _)| text[..*at].ends_with('\n') || text[..*at].ends_with(' '))
            .filter(|(at, _)| {
                let line_start = text[..*at].rfind('\n').map_or(0, |i| i + 1);
                text[line_start..*at].trim().is_empty()
            });
        for (at, _) in attributes {
            let rest = &text[at..];
            let fn_at = rest
                .find("fn ")
                .expect("a function after #[tauri::command]");
            let name_start = fn_at + 3;
            let open = name_start + rest[name_start..].find('(').unwrap();
            let name = rest[name_start..open].trim().to_string();
            let params = top_level_commas(parenthesised(rest, open))
                .into_iter()
                .map(|p| {
                    let (n, t) = p.split_once(':').expect("name: Type");
                    (
                        n.trim().trim_start_matches("mut ").to_string(),
                        t.trim().to_string(),
                    )
                })
                .collect();
            assert!(
                out.insert(
                    name.clone(),
                    Declared {
                        area: area.clone(),
                        params
                    }
                )
                .is_none(),
                "two commands are named {name}"
            );
        }
    }
    out
}

/// `(area, name)` of every entry of `command_list!`.
pub fn registered_commands() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(root().join("src-tauri/commands/mod.rs")).unwrap();
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("$crate::commands::"))
        .map(|l| {
            let (area, name) = l.trim_end_matches(',').split_once("::").unwrap();
            (area.to_string(), name.to_string())
        })
        .collect()
}

//! The IPC surface stays whole: every `#[tauri::command]` is registered in `command_list!`,
//! everything registered exists, and every command `ui/src/lib/api.ts` calls is registered
//! and is called with the argument names it takes (Tauri turns `snake_case` parameters
//! into `camelCase` keys; a missing key is only allowed for an `Option`).
//!
//! Read from the sources as text, so a command added without its registration, or a UI
//! call with a misspelt name or argument, fails here instead of in the window.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

#[path = "common/sources.rs"]
mod sources;
use sources::{
    camel, declared_commands, parenthesised, registered_commands, root, top_level_commas,
};

/// Every `call<…>('name', { keys })` in api.ts: the name and the argument keys.
fn ui_calls() -> Vec<(String, Vec<String>)> {
    let text = std::fs::read_to_string(root().join("ui/src/lib/api.ts")).unwrap();
    let mut out = Vec::new();
    for (at, _) in text.match_indices("call<") {
        let rest = &text[at..];
        let Some(quote) = rest.find("('") else {
            continue;
        };
        let name_start = quote + 2;
        let name_end = name_start + rest[name_start..].find('\'').unwrap();
        let name = rest[name_start..name_end].to_string();
        let after = rest[name_end + 1..].trim_start();
        let keys = match after.strip_prefix(',') {
            Some(args) => {
                let args = args.trim_start();
                assert!(
                    args.starts_with('{'),
                    "{name}: arguments are an object literal"
                );
                let body = &args[1..args.find('}').unwrap()];
                body.split(',')
                    .map(|k| k.split(':').next().unwrap().trim().to_string())
                    .filter(|k| !k.is_empty())
                    .collect()
            }
            None => Vec::new(),
        };
        out.push((name, keys));
    }
    out
}

#[test]
fn every_command_is_registered_and_everything_registered_exists() {
    let declared = declared_commands();
    let registered = registered_commands();
    assert!(
        declared.len() > 50,
        "the commands were read: {}",
        declared.len()
    );
    let mut seen = BTreeSet::new();
    for (area, name) in &registered {
        let d = declared.get(name).unwrap_or_else(|| {
            panic!("command_list! names {area}::{name}, which is not a #[tauri::command]")
        });
        assert_eq!(&d.area, area, "{name} is registered under the wrong area");
        assert!(seen.insert(name.clone()), "{name} is registered twice");
    }
    for name in declared.keys() {
        assert!(
            seen.contains(name),
            "#[tauri::command] {name} is not in command_list!: the UI cannot call it"
        );
    }
}

#[test]
fn the_ui_calls_only_registered_commands_with_the_arguments_they_take() {
    let declared = declared_commands();
    let registered: BTreeSet<String> = registered_commands().into_iter().map(|(_, n)| n).collect();
    let calls = ui_calls();
    assert!(
        calls.len() > 50,
        "the UI's calls were read: {}",
        calls.len()
    );
    for (name, keys) in &calls {
        assert!(
            registered.contains(name),
            "api.ts calls '{name}', which the backend does not register"
        );
        let params: Vec<&(String, String)> = declared[name].arguments().collect();
        let expected: BTreeMap<String, &str> =
            params.iter().map(|(n, t)| (camel(n), t.as_str())).collect();
        for key in keys {
            assert!(
                expected.contains_key(key),
                "api.ts calls '{name}' with '{key}', which it does not take (it takes {:?})",
                expected.keys().collect::<Vec<_>>()
            );
        }
        for (key, ty) in &expected {
            assert!(
                keys.contains(key) || ty.starts_with("Option<"),
                "api.ts calls '{name}' without '{key}' ({ty}), which it needs"
            );
        }
    }
}

/// The text of the block whose `{` is the first one at or after `from`, without its braces.
fn block(text: &str, from: usize) -> &str {
    let open = from + text[from..].find('{').expect("a body");
    let mut depth = 0;
    for (i, c) in text[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return &text[open + 1..open + i];
                }
            }
            _ => {}
        }
    }
    panic!("unbalanced body");
}

/// `(handler, body)` of every `#[tauri::command]` of one file, and the names of the file's
/// other `pub fn`s (the plain functions a handler may call).
fn handlers_and_plain_functions(text: &str) -> (Vec<(String, String)>, BTreeSet<String>) {
    // Only where the words begin a line (not in a comment about them).
    let at_line_start = |at: usize| {
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        text[line_start..at].trim().is_empty()
    };
    let mut handlers = Vec::new();
    for (at, _) in text
        .match_indices("#[tauri::command]")
        .filter(|(at, _)| at_line_start(*at))
    {
        let rest = &text[at..];
        let name_start = rest.find("fn ").unwrap() + 3;
        let open = name_start + rest[name_start..].find('(').unwrap();
        let name = rest[name_start..open].trim().to_string();
        let params_end = open + parenthesised(rest, open).len() + 1;
        handlers.push((name, block(rest, params_end).trim().to_string()));
    }
    let names: BTreeSet<&str> = handlers.iter().map(|(n, _)| n.as_str()).collect();
    let plain = text
        .match_indices("pub fn ")
        .filter(|(at, _)| at_line_start(*at))
        .map(|(at, _)| {
            let rest = &text[at + 7..];
            rest[..rest.find(['(', '<']).unwrap()].trim().to_string()
        })
        .filter(|n| !names.contains(n.as_str()))
        .collect();
    (handlers, plain)
}

/// Why `body` is not one call to one of `plain`, if it is not.
fn not_one_call(body: &str, plain: &BTreeSet<String>) -> Option<String> {
    let Some(open) = body.find('(') else {
        return Some("its body calls nothing".into());
    };
    let callee = body[..open].trim();
    if !plain.contains(callee) {
        return Some(format!(
            "its body starts with `{callee}`, which is not a plain `pub fn` of the same file"
        ));
    }
    let args = parenthesised(body, open);
    let after = body[open + args.len() + 2..].trim();
    if !after.is_empty() {
        return Some(format!("its body goes on after the call: `{after}`"));
    }
    None
}

/// Every handler is exactly one call to a plain `pub fn` beside it (which the tests call),
/// so what the window runs and what the tests prove is the same code.
#[test]
fn every_handler_is_one_call_to_a_plain_function_of_its_file() {
    let dir = root().join("src-tauri/commands");
    let mut seen = 0;
    let mut wrong = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let area = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let (handlers, plain) = handlers_and_plain_functions(&text);
        for (name, body) in handlers {
            seen += 1;
            if let Some(why) = not_one_call(&body, &plain) {
                wrong.push(format!("{area}::{name}: {why}"));
            }
        }
    }
    assert!(seen > 50, "the handlers were read: {seen}");
    assert!(
        wrong.is_empty(),
        "#[tauri::command] handlers that are not one call to a plain function:\n{}",
        wrong.join("\n")
    );
}

/// The check itself: one call (a closure argument included) passes; a handler that does
/// the work itself, calls the store, or calls twice is named.
#[test]
fn a_handler_doing_its_own_work_is_named() {
    let text = r#"
pub fn list(state: &AppState) -> AppResult<u32> { Ok(1) }
pub fn save_asking(state: &AppState, ask: impl FnOnce(&str) -> Option<u32>) -> AppResult<u32> { Ok(0) }
#[tauri::command]
pub async fn good(state: State<'_, AppState>) -> AppResult<u32> {
    list(&state)
}
#[tauri::command]
pub async fn with_closure(app: AppHandle, state: State<'_, AppState>) -> AppResult<u32> {
    save_asking(&state, |name| { pick(&app, name) })
}
#[tauri::command]
pub async fn inline(state: State<'_, AppState>) -> AppResult<u32> {
    state.read(|db| store::count(db))
}
#[tauri::command]
pub async fn twice(state: State<'_, AppState>) -> AppResult<u32> {
    list(&state)?;
    list(&state)
}
"#;
    let (handlers, plain) = handlers_and_plain_functions(text);
    assert_eq!(
        plain,
        ["list", "save_asking"]
            .map(String::from)
            .into_iter()
            .collect()
    );
    let verdicts: Vec<(String, bool)> = handlers
        .iter()
        .map(|(n, b)| (n.clone(), not_one_call(b, &plain).is_none()))
        .collect();
    assert_eq!(
        verdicts,
        [
            ("good".to_string(), true),
            ("with_closure".to_string(), true),
            ("inline".to_string(), false),
            ("twice".to_string(), false),
        ]
    );
}

/// The parser itself: a parameter list with generics, defaults and injected state.
#[test]
fn parameters_are_read_with_their_generics() {
    let text = "fn x(state: State<'_, AppState>, ids: Vec<String>, map: Option<(u32, u32)>)";
    let open = text.find('(').unwrap();
    let params = top_level_commas(parenthesised(text, open));
    assert_eq!(
        params,
        vec![
            "state: State<'_, AppState>",
            "ids: Vec<String>",
            "map: Option<(u32, u32)>"
        ]
    );
    assert_eq!(camel("call_in_id"), "callInId");
}

/// Every file under `dir` (recursively) whose name ends with one of `ends`.
fn files_under(dir: &Path, ends: &[&str], out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            if name != "node_modules" {
                files_under(&path, ends, out);
            }
        } else if ends.iter().any(|e| name.ends_with(e)) {
            out.push(path);
        }
    }
}

/// The screens show the `next` and `allowed` each DTO carries, and the letter texts the
/// backend sends; the generated lifecycle table and default letters are there for the
/// tests' fakes only.
#[test]
fn no_screen_reads_the_lifecycle_table() {
    let mut files = Vec::new();
    files_under(&root().join("ui/src"), &[".svelte", ".ts"], &mut files);
    assert!(files.len() > 50, "the UI's sources were not found");
    let readers: Vec<String> = files
        .iter()
        .filter(|p| {
            let name = p.to_string_lossy();
            !name.ends_with(".test.ts")
                && !name.contains("/ui/src/test/")
                && !name.ends_with("testData.ts")
                && !name.ends_with("/bindings/lifecycles.ts")
        })
        .filter(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            text.contains("bindings/lifecycles") || text.contains("bindings/letterDefaults")
        })
        .map(|p| p.strip_prefix(root()).unwrap().display().to_string())
        .collect();
    assert!(
        readers.is_empty(),
        "these screens read the lifecycle table instead of what the backend sends: {readers:?}"
    );
}

/// The store loads and saves; it refuses nothing on a rule. A refusal a coordinator reads
/// (a validation message, a move not allowed, a conflict) comes from `domain/`, called by
/// the command. The one exception is the store's own page cursor, which only it can read.
/// (`store/mod.rs`, the database file itself, may refuse to open or create a file.)
#[test]
fn the_store_refuses_nothing_on_a_rule() {
    let mut files = Vec::new();
    files_under(&root().join("src-tauri/store"), &[".rs"], &mut files);
    assert!(files.len() >= 10, "the store's sources were not found");
    let mut found = Vec::new();
    for p in files.iter().filter(|p| !p.ends_with("store/mod.rs")) {
        let text = std::fs::read_to_string(p).unwrap();
        for (n, line) in text.lines().enumerate() {
            let refuses = [
                "AppError::invalid(",
                "AppError::Validation",
                "AppError::InvalidTransition",
                "AppError::Conflict",
                "call_in_warnings(",
                "person_warnings(",
                ".transition(",
            ]
            .iter()
            .any(|s| line.contains(s));
            let cursor = text
                .lines()
                .nth(n + 2)
                .is_some_and(|l| l.contains("The list position is not valid"));
            if refuses && !cursor {
                found.push(format!(
                    "{}:{}: {}",
                    p.strip_prefix(root()).unwrap().display(),
                    n + 1,
                    line.trim()
                ));
            }
        }
    }
    assert!(found.is_empty(), "rules in the store: {found:#?}");
}

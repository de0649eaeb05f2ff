//! The arrows between the app's top-level modules, read from the source: cargo keeps the crates
//! apart, this keeps the modules of the app crate apart (no cycle; the state imports neither the
//! drawing nor the effects; the drawing imports no effects; the messages and the layout are
//! leaves). A path in a comment or after `#[cfg(test)]` does not count.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The identifier after each occurrence of `prefix` in `code`.
fn names_after<'a>(code: &'a str, prefix: &str) -> Vec<&'a str> {
    code.match_indices(prefix)
        .filter(|(at, _)| !code[..*at].ends_with(|c: char| c.is_alphanumeric() || c == '_'))
        .map(|(at, _)| {
            let rest = &code[at + prefix.len()..];
            &rest[..rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len())]
        })
        .collect()
}

/// Top-level module → the top-level modules it refers to.
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let rel = file.strip_prefix(&src).unwrap();
        let parts: Vec<String> =
            rel.iter().map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string()).collect();
        let top = parts[0].clone();
        if top == "lib" || top == "main" {
            continue;
        }
        // How deep the file's module is: `super::` that many times names a top-level module.
        let depth = parts.len() - usize::from(parts.last().is_some_and(|p| p == "mod"));
        let text = std::fs::read_to_string(&file).unwrap();
        let text = text.split("#[cfg(test)]").next().unwrap_or_default();
        let code: String =
            text.lines().map(|l| l.split("//").next().unwrap_or_default()).collect::<Vec<_>>().join("\n");
        let mut refs: BTreeSet<String> =
            names_after(&code, "crate::").into_iter().map(str::to_string).collect();
        for (at, _) in code.match_indices("super::") {
            let chain = &code[at..];
            let rest = chain.trim_start_matches("super::");
            let ups = (chain.len() - rest.len()) / "super::".len();
            if ups >= depth {
                let name = &rest
                    [..rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len())];
                refs.insert(name.to_string());
            }
        }
        // `crate::{a, b::c}` groups.
        for (at, _) in code.match_indices("crate::{") {
            let group = &code[at + "crate::{".len()..];
            let group = &group[..group.find('}').unwrap_or(group.len())];
            for item in group.split(',') {
                let name = item.trim().split("::").next().unwrap_or_default();
                if !name.is_empty() {
                    refs.insert(name.to_string());
                }
            }
        }
        refs.remove(&top);
        refs.retain(|r| src.join(format!("{r}.rs")).exists() || src.join(r).is_dir());
        graph.entry(top).or_default().extend(refs);
    }
    graph
}

fn reaches(graph: &BTreeMap<String, BTreeSet<String>>, from: &str, to: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from.to_string()];
    while let Some(m) = stack.pop() {
        for next in graph.get(&m).into_iter().flatten() {
            if next == to {
                return true;
            }
            if seen.insert(next.clone()) {
                stack.push(next.clone());
            }
        }
    }
    false
}

#[test]
fn the_app_modules_import_one_way_only() {
    let graph = module_graph();
    assert!(graph.len() >= 10, "the source was read: {graph:?}");
    assert!(
        graph["state"].contains("action") && graph["ui"].contains("state"),
        "edges were found: {graph:?}"
    );
    for (module, imports) in &graph {
        for target in imports {
            assert!(
                !reaches(&graph, target, module),
                "cycle: {module} → {target} → … → {module}\n{graph:#?}"
            );
        }
    }
    let forbidden: &[(&str, &[&str])] = &[
        ("state", &["ui", "effects", "keymap", "app", "accounts", "tui", "auth"]),
        ("ui", &["effects", "app", "accounts", "auth"]),
        ("keymap", &["effects", "ui", "app"]),
        ("effects", &["state", "ui", "keymap", "app"]),
    ];
    for (module, never) in forbidden {
        for target in *never {
            assert!(!reaches(&graph, module, target), "{module} reaches {target}\n{graph:#?}");
        }
    }
    for leaf in ["action", "layout", "tui", "config"] {
        assert!(graph.get(leaf).is_none_or(BTreeSet::is_empty), "{leaf} is a leaf: {:?}", graph.get(leaf));
    }
    assert_eq!(graph.get("command").cloned().unwrap_or_default(), BTreeSet::from(["action".to_string()]));
}

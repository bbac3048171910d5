//! The server's layers, checked: a module never uses one of a higher layer, and the
//! modules do not use each other in a circle, in a layer or across.
//!
//! ```text
//!  app          app, openapi, cli, config, security, spa, demo (feature "demo")
//!   │
//!  features     dossier, network, notes, photos, retention, staff, administration, import, dev
//!   │
//!  identity     auth, access_log, portals, sign_in, account_security, passkeys,
//!               sign_in_methods, provider_sign_in, staff_members, organisation, terms,
//!               visits
//!   │
//!  foundation   db, clock, memory_budget, problem, paging, settings, state, request_guard, secrets,
//!               password_hashing, photo_store, outbox, text, identity_providers
//! ```
//!
//! The check reads the sources: every `crate::name` in a module's files (tests and the
//! test helpers aside) names the module it uses. A new module must be given a layer
//! here, or this test fails.
//!
//! A file that declares a handler (`#[utoipa::path`) holds no SQL either: each query is
//! a named function in its feature's queries module, so a handler reads as HTTP in,
//! HTTP out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module and its layer, lowest first.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "foundation",
        &[
            "db",
            "clock",
            "memory_budget",
            "problem",
            "paging",
            "settings",
            "state",
            "request_guard",
            "responses",
            "secrets",
            "password_hashing",
            "photo_store",
            "outbox",
            "text",
            "identity_providers",
        ],
    ),
    (
        "identity",
        &[
            "auth",
            "access_log",
            "portals",
            "sign_in",
            "account_security",
            "passkeys",
            "sign_in_methods",
            "provider_sign_in",
            "staff_members",
            "organisation",
            "terms",
            "visits",
        ],
    ),
    (
        "features",
        &[
            "administration",
            "dev",
            "dossier",
            "import",
            "network",
            "notes",
            "organisation_settings",
            "photos",
            "retention",
            "staff",
        ],
    ),
    (
        "app",
        &[
            "app", "openapi", "cli", "config", "security", "spa", "demo", "lib", "main",
        ],
    ),
];

/// Files that only tests compile (besides every `*_tests.rs`).
const TEST_FILES: &[&str] = &[
    "tests.rs",
    "http_tests.rs",
    "authorization_matrix.rs",
    "test_support.rs",
    "layers.rs",
];

/// The source files outside tests, each with its path under `src/` and its code (a
/// module's own unit tests, after `#[cfg(test)]`, left off).
fn sources() -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut sources = Vec::new();
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        if TEST_FILES.contains(&name.as_str()) || name.ends_with("_tests.rs") {
            continue;
        }
        let relative = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(&file).unwrap();
        // A module's own unit tests sit at its end, after `#[cfg(test)]`.
        let code = text
            .split("#[cfg(test)]\nmod tests")
            .next()
            .unwrap()
            .to_owned();
        sources.push((relative, code));
    }
    sources.sort();
    sources
}

fn layer_of(module: &str) -> Option<usize> {
    LAYERS
        .iter()
        .position(|(_, modules)| modules.contains(&module))
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("the source folder is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// Which modules each module uses: `crate::name` outside its `#[cfg(test)]` part.
fn uses() -> BTreeMap<String, BTreeMap<String, BTreeSet<String>>> {
    let mut uses: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for (relative, code) in sources() {
        let module = relative
            .split('/')
            .next()
            .unwrap()
            .trim_end_matches(".rs")
            .to_owned();
        for (at, _) in code.match_indices("crate::") {
            let used: String = code[at + "crate::".len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !used.is_empty() && used != module {
                uses.entry(module.clone())
                    .or_default()
                    .entry(used)
                    .or_default()
                    .insert(relative.clone());
            }
        }
        uses.entry(module).or_default();
    }
    uses
}

#[test]
fn every_module_has_a_layer_and_uses_none_above_it() {
    let mut wrong = Vec::new();
    for (module, used) in uses() {
        let Some(layer) = layer_of(&module) else {
            wrong.push(format!(
                "`{module}` has no layer: add it to LAYERS in layers.rs"
            ));
            continue;
        };
        for (other, files) in used {
            match layer_of(&other) {
                Some(other_layer) if other_layer > layer => wrong.push(format!(
                    "{module} ({}) uses {other} ({}) in {}",
                    LAYERS[layer].0,
                    LAYERS[other_layer].0,
                    files.iter().cloned().collect::<Vec<_>>().join(", ")
                )),
                // A name that is no module (a macro path, `crate::Something`) is fine.
                _ => {}
            }
        }
    }
    assert!(wrong.is_empty(), "layering broken:\n{}", wrong.join("\n"));
}

#[test]
fn no_modules_use_each_other_in_a_circle() {
    let uses = uses();
    let modules: Vec<&str> = LAYERS.iter().flat_map(|(_, m)| m.iter().copied()).collect();
    let graph: BTreeMap<&str, Vec<&str>> = modules
        .iter()
        .map(|m| {
            let used = uses
                .get(*m)
                .map(|u| {
                    u.keys()
                        .filter_map(|o| modules.iter().find(|g| *g == o).copied())
                        .collect()
                })
                .unwrap_or_default();
            (*m, used)
        })
        .collect();
    // Depth-first search; a node met again while still on the path closes a circle.
    fn visit<'a>(
        node: &'a str,
        graph: &BTreeMap<&'a str, Vec<&'a str>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<&'a str>> {
        if let Some(start) = path.iter().position(|n| *n == node) {
            let mut circle = path[start..].to_vec();
            circle.push(node);
            return Some(circle);
        }
        if !done.insert(node) {
            return None;
        }
        path.push(node);
        for next in &graph[node] {
            if let Some(circle) = visit(next, graph, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    for module in &modules {
        let circle = visit(module, &graph, &mut Vec::new(), &mut done);
        assert!(
            circle.is_none(),
            "modules in a circle: {}",
            circle.unwrap().join(" -> ")
        );
    }
}

#[test]
fn handlers_hold_no_sql() {
    let wrong: Vec<String> = sources()
        .into_iter()
        .filter(|(_, code)| code.contains("#[utoipa::path") && code.contains("sqlx::query"))
        .map(|(file, code)| {
            format!(
                "{file}: {} queries beside its handlers; move them to the feature's queries module",
                code.matches("sqlx::query").count()
            )
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "SQL in handler files:\n{}",
        wrong.join("\n")
    );
}

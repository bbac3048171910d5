//! `cargo xtask test`: every suite, then one line `N passed, N failed`.
//!
//! Suites: `native` (cargo test of the API contract, server and xtask), `postgres` (the
//! server compiles for PostgreSQL, and with S3 photo storage; its tests pass against a
//! throwaway PostgreSQL server), `lint` (fmt, clippy), `wasm` (wasm-bindgen-test in
//! headless Chromium), `bundle` (release build within the size budget), `e2e`
//! (Playwright against a freshly started server with its own database), `production`
//! (a production-mode server with real e-mail over SMTP and a recording SMS gateway:
//! `tests/production/run.py`), `apifuzz`
//! (Schemathesis against the OpenAPI document of a freshly started demo server, signed
//! in as two clients and a care professional; see `tests/api-fuzz/fuzz.py`).
//!
//! `--suite NAME` (repeatable) runs only those suites; `--grep PATTERN` runs only the
//! Playwright tests whose title matches (e2e). The failed tests are named again just
//! above the totals.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::build;
use crate::postgres;
use crate::setup::{self, BuildTools, TestTools};
use crate::util::{self, Failure};

/// The initial route's WASM + JS + CSS, brotli-compressed, must stay under this.
pub const BUNDLE_BUDGET_BYTES: u64 = 250 * 1024;

const SUITES: &[&str] = &[
    "native",
    "postgres",
    "lint",
    "wasm",
    "bundle",
    "e2e",
    "production",
    "apifuzz",
];

/// The names of the tests that failed, listed again above the totals: CI keeps only the
/// end of the output, and a failure named there can be found without the rest.
static FAILED_TESTS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Remembers a failed test's name for the list above the totals.
fn record_failure(name: String) {
    if let Ok(mut failed) = FAILED_TESTS.lock() {
        failed.push(name);
    }
}

/// `--grep PATTERN` for the browser suites: only the Playwright tests whose title matches.
static PLAYWRIGHT_GREP: Mutex<Option<String>> = Mutex::new(None);

/// One suite's outcome.
struct SuiteResult {
    name: &'static str,
    passed: usize,
    failed: usize,
    took: Duration,
}

/// Runs the chosen suites (all by default) and prints the totals.
pub fn run(args: &[String]) -> Result<(), Failure> {
    let mut chosen: Vec<&'static str> = Vec::new();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--suite" => {
                let name = iter
                    .next()
                    .ok_or_else(|| Failure::new("--suite needs a name"))?;
                let suite = SUITES.iter().find(|s| **s == name).ok_or_else(|| {
                    Failure::new(format!(
                        "unknown suite `{name}`; suites: {}",
                        SUITES.join(", ")
                    ))
                })?;
                chosen.push(suite);
            }
            "--grep" => {
                let pattern = iter
                    .next()
                    .ok_or_else(|| Failure::new("--grep needs a pattern"))?;
                *PLAYWRIGHT_GREP.lock().expect("not poisoned") = Some(pattern.clone());
            }
            other => return Err(Failure::new(format!("unknown option `{other}`"))),
        }
    }
    if chosen.is_empty() {
        chosen = SUITES.to_vec();
    }
    let needs_build = chosen
        .iter()
        .any(|s| matches!(*s, "wasm" | "bundle" | "e2e" | "production"));
    let needs_browser = chosen
        .iter()
        .any(|s| matches!(*s, "wasm" | "e2e" | "production"));
    let build_tools = if needs_build {
        Some(setup::ensure_build_tools()?)
    } else {
        if chosen.contains(&"lint") {
            setup::ensure_wasm_target()?;
        }
        None
    };
    let test_tools = if needs_browser {
        Some(setup::ensure_test_tools()?)
    } else {
        None
    };
    let fuzz_tools = if chosen.contains(&"apifuzz") {
        Some(setup::ensure_schemathesis()?)
    } else {
        None
    };
    let smtp_tools = if chosen.contains(&"production") {
        Some(setup::ensure_smtp_server()?)
    } else {
        None
    };

    let mut results = Vec::new();
    for suite in chosen {
        util::step(&format!("Suite: {suite}"));
        let started = Instant::now();
        let (passed, failed) = match suite {
            "native" => native(),
            "postgres" => postgres(),
            "lint" => lint(),
            "wasm" => wasm(
                build_tools.as_ref().expect("built"),
                test_tools.as_ref().expect("browser"),
            ),
            "bundle" => bundle(build_tools.as_ref().expect("built")),
            "e2e" => e2e(
                build_tools.as_ref().expect("built"),
                test_tools.as_ref().expect("browser"),
            ),
            "production" => production(
                build_tools.as_ref().expect("built"),
                test_tools.as_ref().expect("browser"),
                smtp_tools.as_deref().expect("aiosmtpd"),
            ),
            "apifuzz" => apifuzz(fuzz_tools.as_deref().expect("schemathesis")),
            _ => unreachable!("suite names are checked"),
        };
        let result = SuiteResult {
            name: suite,
            passed,
            failed,
            took: started.elapsed(),
        };
        println!(
            "--- {}: {} passed, {} failed ({:.0} s; {})",
            result.name,
            result.passed,
            result.failed,
            result.took.as_secs_f64(),
            util::disk_usage(&setup::target_dir())
        );
        results.push(result);
    }

    println!("\nResults per suite:");
    for r in &results {
        println!(
            "  {:<10} {:>5} passed {:>4} failed  {:>6.0} s",
            r.name,
            r.passed,
            r.failed,
            r.took.as_secs_f64()
        );
    }
    let passed: usize = results.iter().map(|r| r.passed).sum();
    let failed: usize = results.iter().map(|r| r.failed).sum();
    let names = FAILED_TESTS.lock().map(|f| f.clone()).unwrap_or_default();
    if !names.is_empty() {
        println!("\nFailed tests:");
        for name in names {
            println!("  {name}");
        }
    }
    println!("{passed} passed, {failed} failed");
    if failed > 0 {
        Err(Failure::new(format!("{failed} test(s) failed")))
    } else {
        Ok(())
    }
}

/// Runs a command, echoing its standard output, and sums the libtest/wasm-bindgen-test
/// "test result:" lines. A command that fails without any result line counts as one
/// failure (it did not compile or could not start).
fn run_libtest(command: &mut Command, what: &str) -> (usize, usize) {
    command.stdout(Stdio::piped());
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(e) => {
            eprintln!("cannot run {what}: {e}");
            return (0, 1);
        }
    };
    let (mut passed, mut failed, mut saw_result) = (0, 0, false);
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{line}");
            if let Some(name) = failed_test_name(&line) {
                record_failure(format!("{what}: {name}"));
            }
            if let Some((p, f)) = parse_test_result(&line) {
                passed += p;
                failed += f;
                saw_result = true;
            }
        }
    }
    let ok = child.wait().map(|s| s.success()).unwrap_or(false);
    if !ok && (failed == 0 || !saw_result) {
        eprintln!("{what} failed before or besides its tests");
        record_failure(format!("{what}: failed before or besides its tests"));
        failed += 1;
    }
    (passed, failed)
}

/// The name in a libtest line "test some::name ... FAILED".
fn failed_test_name(line: &str) -> Option<&str> {
    line.trim()
        .strip_prefix("test ")?
        .strip_suffix(" ... FAILED")
        .map(str::trim)
}

/// Parses "test result: ok. 12 passed; 1 failed; …".
fn parse_test_result(line: &str) -> Option<(usize, usize)> {
    let rest = line.trim().strip_prefix("test result: ")?;
    let number_before = |word: &str| -> Option<usize> {
        let idx = rest.find(word)?;
        rest[..idx]
            .split([' ', ';', '.'])
            .rfind(|s| !s.is_empty())?
            .parse()
            .ok()
    };
    Some((number_before(" passed")?, number_before(" failed")?))
}

fn check(command: &mut Command, what: &str) -> (usize, usize) {
    match util::run_status(command, what) {
        Ok(()) => (1, 0),
        Err(e) => {
            eprintln!("{e}");
            (0, 1)
        }
    }
}

fn cargo_command(args: &[&str]) -> Command {
    let mut command = Command::new(util::cargo_bin());
    command.args(args).current_dir(util::root());
    command
}

/// The test that measures the process's peak memory (`VmHWM`); run alone, after the
/// others, so no other test's memory is counted in it.
const MEMORY_TEST: &str =
    "photos::tests::four_hostile_uploads_at_once_stay_within_the_photo_memory_budget";

fn native() -> (usize, usize) {
    let (passed, failed) = run_libtest(
        &mut cargo_command(&[
            "test",
            "-p",
            "kring-api",
            "-p",
            "kring-server",
            "-p",
            "xtask",
            "--features",
            "kring-server/demo",
            "--no-fail-fast",
        ]),
        "cargo test (native)",
    );
    let (memory_passed, memory_failed) = run_libtest(
        &mut cargo_command(&[
            "test",
            "-p",
            "kring-server",
            "--features",
            "demo",
            "--lib",
            "--",
            "--ignored",
            "--exact",
            "--nocapture",
            MEMORY_TEST,
        ]),
        "the photo memory test",
    );
    // A renamed test would silently run nothing.
    let memory_failed = if memory_passed + memory_failed == 0 {
        eprintln!("the memory test {MEMORY_TEST} did not run (renamed?)");
        1
    } else {
        memory_failed
    };
    (passed + memory_passed, failed + memory_failed)
}

fn postgres() -> (usize, usize) {
    let postgres = check(
        &mut cargo_command(&[
            "check",
            "-p",
            "kring-server",
            "--no-default-features",
            "--features",
            "postgres",
            "--lib",
            "--bins",
        ]),
        "cargo check (server for PostgreSQL)",
    );
    let s3 = check(
        &mut cargo_command(&[
            "check",
            "-p",
            "kring-server",
            "--features",
            "s3",
            "--lib",
            "--bins",
        ]),
        "cargo check (server with S3 photo storage)",
    );
    let tests = postgres_tests();
    (postgres.0 + s3.0 + tests.0, postgres.1 + s3.1 + tests.1)
}

/// The test that stops the PostgreSQL server; run alone, after the others.
const POSTGRES_FAULT_TEST: &str =
    "http_tests::a_stopped_postgresql_is_a_503_and_the_server_recovers_by_itself";

/// The server's tests (the same targets the `native` suite tests) built for PostgreSQL,
/// against a throwaway PostgreSQL server; then the fault test that stops and starts it.
fn postgres_tests() -> (usize, usize) {
    util::step("Starting a throwaway PostgreSQL server");
    // Dropped at the end of this function, also when a run panics: stops and removes it.
    let cluster = match postgres::TestCluster::start() {
        Ok(cluster) => cluster,
        Err(e) => {
            eprintln!("{e}");
            return (0, 1);
        }
    };
    let features = ["--no-default-features", "--features", "postgres,demo"];
    let mut all = cargo_command(&["test", "-p", "kring-server", "--no-fail-fast"]);
    all.args(features)
        .envs(postgres::test_environment(&cluster, false));
    let (passed, failed) = run_libtest(&mut all, "cargo test (server on PostgreSQL)");

    let mut fault = cargo_command(&["test", "-p", "kring-server", "--lib"]);
    fault
        .args(features)
        .args(["--", "--ignored", "--exact", POSTGRES_FAULT_TEST])
        .envs(postgres::test_environment(&cluster, true));
    let (fault_passed, fault_failed) = run_libtest(&mut fault, "the PostgreSQL fault test");
    let ran = fault_passed + fault_failed > 0;
    // A renamed test would silently run nothing.
    let fault_failed = if ran { fault_failed } else { 1 };
    if !ran {
        eprintln!("the fault test {POSTGRES_FAULT_TEST} did not run (renamed?)");
    }
    (passed + fault_passed, failed + fault_failed)
}

fn lint() -> (usize, usize) {
    let mut totals = (0, 0);
    for (args, what) in [
        (vec!["fmt", "--all", "--check"], "cargo fmt --check"),
        (
            vec![
                "clippy",
                "-p",
                "kring-api",
                "-p",
                "kring-server",
                "-p",
                "xtask",
                "--all-targets",
                "--features",
                "kring-server/demo",
                "--",
                "-D",
                "warnings",
            ],
            "cargo clippy (native)",
        ),
        // The production build (no demo data) has code of its own (`cfg(not(feature
        // = "demo"))`): it must build and be clean too.
        (
            vec![
                "clippy",
                "-p",
                "kring-server",
                "--lib",
                "--bins",
                "--",
                "-D",
                "warnings",
            ],
            "cargo clippy (server as built for production)",
        ),
        (
            vec![
                "clippy",
                "-p",
                "kring",
                "--target",
                "wasm32-unknown-unknown",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
            "cargo clippy (app)",
        ),
    ] {
        let (p, f) = check(&mut cargo_command(&args), what);
        totals = (totals.0 + p, totals.1 + f);
    }
    let (p, f) = stylesheets_closed();
    (totals.0 + p, totals.1 + f)
}

/// Every rule in `style/*.css` is closed before the next begins. Browsers accept a rule
/// inside a rule (CSS nesting), so a brace lost in a merge does not fail the build: it
/// silently scopes every later rule under the unclosed one (it once did so to the
/// settings and import pages' rules). Our style sheets nest rules only in at-rules.
fn stylesheets_closed() -> (usize, usize) {
    let folder = util::root().join("style");
    let mut problems = Vec::new();
    let mut sheets = match std::fs::read_dir(&folder) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "css"))
            .collect::<Vec<_>>(),
        Err(e) => {
            eprintln!("{}: {e}", folder.display());
            return (0, 1);
        }
    };
    sheets.sort();
    for sheet in &sheets {
        match std::fs::read_to_string(sheet) {
            Ok(text) => {
                if let Err(problem) = rules_closed(&text) {
                    problems.push(format!("{}: {problem}", sheet.display()));
                }
            }
            Err(e) => problems.push(format!("{}: {e}", sheet.display())),
        }
    }
    if problems.is_empty() {
        println!(
            "--- style sheets: every rule closed ({} files)",
            sheets.len()
        );
        (1, 0)
    } else {
        for problem in &problems {
            eprintln!("{problem}");
        }
        (0, 1)
    }
}

/// Checks one style sheet: a rule opens only at the top or inside an at-rule, and every
/// block is closed by the end.
fn rules_closed(css: &str) -> Result<(), String> {
    // Each open block: whether it is an at-rule (`@media`, `@supports`, ...).
    let mut open: Vec<bool> = Vec::new();
    let mut prelude = String::new();
    let mut line = 1;
    let mut chars = css.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => {
                line += 1;
                prelude.push(c);
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if c == '\n' {
                        line += 1;
                    }
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
            }
            '"' | '\'' => {
                for inner in chars.by_ref() {
                    if inner == c {
                        break;
                    }
                }
            }
            '{' => {
                let at_rule = prelude.trim_start().starts_with('@');
                if !at_rule && open.last() == Some(&false) {
                    return Err(format!(
                        "line {line}: `{}` opens inside a rule that was not closed",
                        prelude.trim()
                    ));
                }
                open.push(at_rule);
                prelude.clear();
            }
            '}' => {
                if open.pop().is_none() {
                    return Err(format!("line {line}: `}}` closes nothing"));
                }
                prelude.clear();
            }
            ';' => prelude.clear(),
            _ => prelude.push(c),
        }
    }
    if open.is_empty() {
        Ok(())
    } else {
        Err(format!("{} block(s) not closed at the end", open.len()))
    }
}

fn wasm(build: &BuildTools, browser: &TestTools) -> (usize, usize) {
    let mut command = cargo_command(&["test", "-p", "kring", "--target", "wasm32-unknown-unknown"]);
    command
        .env("PATH", &build.path)
        .env("CHROMEDRIVER", &browser.chromedriver)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
        .env("NO_COLOR", "1");
    run_libtest(&mut command, "wasm-bindgen-test in headless Chromium")
}

/// Builds the release app and checks the initial route's brotli size against the budget.
fn bundle(build: &BuildTools) -> (usize, usize) {
    if let Err(e) = build::spa(build) {
        eprintln!("{e}");
        return (0, 1);
    }
    let dist = util::root().join("dist");
    let assets = match build::initial_route_assets(&dist) {
        Ok(assets) => assets,
        Err(e) => {
            eprintln!("{e}");
            return (0, 1);
        }
    };
    let mut total = 0u64;
    for asset in &assets {
        let bytes = std::fs::read(asset).unwrap_or_default();
        let compressed = build::brotli(&bytes).len() as u64;
        total += compressed;
        println!(
            "  {:<40} {:>9} bytes raw {:>9} bytes brotli",
            asset.file_name().unwrap_or_default().to_string_lossy(),
            bytes.len(),
            compressed
        );
    }
    let kinds: Vec<&str> = assets
        .iter()
        .filter_map(|a| a.extension().and_then(|e| e.to_str()))
        .collect();
    let complete = ["wasm", "js", "css"].iter().all(|k| kinds.contains(k));
    println!(
        "  initial route, brotli: {} bytes ({:.1} KiB); budget {} KiB",
        total,
        total as f64 / 1024.0,
        BUNDLE_BUDGET_BYTES / 1024
    );
    if complete && total <= BUNDLE_BUDGET_BYTES {
        (1, 0)
    } else {
        eprintln!("bundle budget: over budget, or a WASM/JS/CSS asset is missing from index.html");
        (0, 1)
    }
}

/// A server started for the end-to-end tests; stopped when dropped.
pub struct TestServer {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub base_url: String,
    _data: TempFolder,
}

impl TestServer {
    /// The server's process id (the bench reads its memory from `/proc`).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A temporary folder removed when dropped.
pub struct TempFolder(pub PathBuf);

impl TempFolder {
    /// A new empty folder under the target folder.
    pub fn new(label: &str) -> std::io::Result<Self> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let path = setup::target_dir()
            .join("tmp")
            .join(format!("{label}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&path)?;
        Ok(Self(path))
    }
}

impl Drop for TempFolder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Starts `binary` in demo mode on a free loopback port with a fresh data folder and
/// waits until it answers.
pub fn start_server(binary: &Path, extra: &[&str]) -> Result<TestServer, Failure> {
    let data = TempFolder::new("server").map_err(|e| Failure::new(format!("temp folder: {e}")))?;
    let dist = util::root().join("dist");
    let mut child = Command::new(binary)
        .args(["--demo", "--port", "0", "--host", "127.0.0.1", "--data-dir"])
        .arg(&data.0)
        .arg("--spa-dir")
        .arg(&dist)
        .args(extra)
        .env("KRING_LOG", "warn")
        // The browser tests sign the same demo accounts in dozens of times within
        // minutes; the message limits (R26, 5 codes an hour by default) would refuse
        // them. The limits themselves are tested by the server's own tests.
        .env("KRING_CODES_PER_NUMBER_PER_HOUR", "10000")
        .env("KRING_MESSAGES_PER_RECIPIENT_PER_DAY", "10000")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| Failure::new(format!("cannot start {}: {e}", binary.display())))?;
    let stdout = child.stdout.take().expect("piped");
    let mut lines = BufReader::new(stdout).lines();
    let first = lines.next().and_then(Result::ok).unwrap_or_default();
    let Some(address) = first.strip_prefix("kring-server listening on ") else {
        let _ = child.kill();
        return Err(Failure::new(format!(
            "the server did not start (it said: {first:?})"
        )));
    };
    let base_url = address.trim().to_owned();
    // Keep draining its output so it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines.by_ref() {});
    Ok(TestServer {
        child,
        base_url,
        _data: data,
    })
}

fn e2e(build: &BuildTools, browser: &TestTools) -> (usize, usize) {
    // Always rebuild (seconds when nothing changed): a stale dist/ would test old code.
    if let Err(e) = build::spa(build) {
        eprintln!("{e}");
        return (0, 1);
    }
    if let Err(e) = util::cargo(&["build", "-p", "kring-server", "--features", "demo"]) {
        eprintln!("{e}");
        return (0, 1);
    }
    let binary = setup::target_dir().join("debug/kring-server");
    // A real OpenID Connect provider on loopback (tests/oidc/provider.mjs), offered by
    // every demo server through a providers file, beside one that is down.
    let oidc = match start_oidc_provider(build) {
        Ok(oidc) => oidc,
        Err(e) => {
            eprintln!("{e}");
            return (0, 1);
        }
    };
    let providers_file = oidc.providers_file.to_string_lossy().into_owned();
    // The small demo data for most tests; a server of its own for the tests in
    // `tests/e2e/clock/`, which move the demo clock forward (days later, for everyone
    // on that server); the large data (10,000 reports) for the tests in
    // `tests/e2e/large/`, last, so its seeding never slows the others down.
    let mut totals = (0, 0);
    let with_providers = ["--oidc-providers", providers_file.as_str()];
    for (data, extra) in [
        ("small", &with_providers[..]),
        ("clock", &with_providers[..]),
        (
            "large",
            &[
                "--demo-size",
                "large",
                "--oidc-providers",
                providers_file.as_str(),
            ][..],
        ),
    ] {
        if data == "large" {
            util::step("Starting a server with the large demo data (its seeding takes a quarter of a minute)");
        }
        let starting = Instant::now();
        let server = match start_server(&binary, extra) {
            Ok(server) => server,
            Err(e) => {
                eprintln!("{e}");
                return (totals.0, totals.1 + 1);
            }
        };
        println!(
            "  server for the browser tests ({data} data): {} (ready in {:.0} s)",
            server.base_url,
            starting.elapsed().as_secs_f64()
        );
        let (passed, failed) = playwright(build, browser, &server.base_url, data);
        drop(server);
        totals = (totals.0 + passed, totals.1 + failed);
    }
    totals
}

/// The OpenID Connect provider of the browser tests (npm's `oidc-provider`, started
/// from `tests/oidc/provider.mjs` on a free loopback port), and a providers file that
/// offers it as "Testdienst" (clients) and "Werkaccount" (staff) beside "Dienst die uit
/// staat", whose issuer nobody answers at (a provider that is down). Stopped when
/// dropped.
struct OidcProvider {
    child: Child,
    providers_file: PathBuf,
    _folder: TempFolder,
}

impl Drop for OidcProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_oidc_provider(build: &BuildTools) -> Result<OidcProvider, Failure> {
    let root = util::root();
    let mut child = Command::new("node")
        .arg(root.join("tests/oidc/provider.mjs"))
        .current_dir(&root)
        .env("PATH", &build.path)
        .stdout(Stdio::piped())
        // Its warnings about development-only settings are expected here.
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| Failure::new(format!("cannot start the OpenID Connect provider: {e}")))?;
    let stdout = child.stdout.take().expect("piped");
    let mut lines = BufReader::new(stdout).lines();
    let first = lines.next().and_then(Result::ok).unwrap_or_default();
    let Some(issuer) = first.strip_prefix("oidc-provider listening on ") else {
        let _ = child.kill();
        return Err(Failure::new(format!(
            "the OpenID Connect provider did not start (it said: {first:?})"
        )));
    };
    std::thread::spawn(move || for _ in lines.by_ref() {});
    // A port nobody listens on: bound, then let go.
    let down = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| Failure::new(format!("a free port: {e}")))?;
    let folder = TempFolder::new("oidc").map_err(|e| Failure::new(format!("temp folder: {e}")))?;
    let providers_file = folder.0.join("providers.json");
    let providers = serde_json::json!([
        { "id": "testdienst", "name": { "nl": "Testdienst", "en": "Test service" },
          "issuer": issuer.trim(), "client_id": "kring-e2e",
          "client_secret": "e2e-geheim-niet-voor-echt", "group": "clients" },
        { "id": "uit", "name": { "nl": "Dienst die uit staat", "en": "Service that is down" },
          "issuer": format!("http://{down}"), "client_id": "kring-e2e",
          "client_secret": "niemand", "group": "clients" },
        { "id": "werk", "name": { "nl": "Werkaccount", "en": "Work account" },
          "issuer": issuer.trim(), "client_id": "kring-e2e",
          "client_secret": "e2e-geheim-niet-voor-echt", "group": "staff" },
    ]);
    std::fs::write(&providers_file, providers.to_string())
        .map_err(|e| Failure::new(format!("{}: {e}", providers_file.display())))?;
    println!(
        "  OpenID Connect provider for the browser tests: {}",
        issuer.trim()
    );
    Ok(OidcProvider {
        child,
        providers_file,
        _folder: folder,
    })
}

/// The production suite (`tests/production/run.py`, in the Python environment `venv`
/// that has aiosmtpd): the server in production mode, with an SMTP server and a
/// recording SMS gateway on loopback, `init`, the first administrator's journey in
/// Chromium, a restart with messages waiting, and its log checked for secrets. The
/// binary is the demo build's, started without `--demo`: the same code paths as a
/// build without the demo data, without compiling the server a second time.
fn production(build: &BuildTools, browser: &TestTools, venv: &Path) -> (usize, usize) {
    if let Err(e) = build::spa(build) {
        eprintln!("{e}");
        return (0, 1);
    }
    if let Err(e) = util::cargo(&["build", "-p", "kring-server", "--features", "demo"]) {
        eprintln!("{e}");
        return (0, 1);
    }
    let root = util::root();
    let work = setup::target_dir().join("production");
    let _ = std::fs::remove_dir_all(&work);
    let mut command = Command::new(venv.join("bin/python"));
    command
        .arg(root.join("tests/production/run.py"))
        .arg("--server")
        .arg(setup::target_dir().join("debug/kring-server"))
        .arg("--spa-dir")
        .arg(root.join("dist"))
        .arg("--work-dir")
        .arg(&work)
        .arg("--playwright")
        .arg(root.join("node_modules/.bin/playwright"))
        .arg("--chromium")
        .arg(&browser.chromium)
        .current_dir(&root)
        .env("PATH", &build.path)
        .env("PYTHONUNBUFFERED", "1");
    run_libtest(&mut command, "the production suite")
}

/// API fuzzing: Schemathesis (in the virtual environment `venv`) against a demo server of
/// its own, since fuzzing changes data. `tests/api-fuzz/fuzz.py` signs the users in, runs
/// every phase per user and ends with a libtest `test result:` line. `KRING_FUZZ_SEED=N`
/// makes the generation random from seed N instead of derandomized. Reports (JUnit, one
/// per user and phase) stay in `<target>/apifuzz/`.
fn apifuzz(venv: &Path) -> (usize, usize) {
    if let Err(e) = util::cargo(&["build", "-p", "kring-server", "--features", "demo"]) {
        eprintln!("{e}");
        return (0, 1);
    }
    let binary = setup::target_dir().join("debug/kring-server");
    let server = match start_server(&binary, &[]) {
        Ok(server) => server,
        Err(e) => {
            eprintln!("{e}");
            return (0, 1);
        }
    };
    println!(
        "  server for the API fuzzing (small data): {}",
        server.base_url
    );
    let work = setup::target_dir().join("apifuzz");
    let _ = std::fs::remove_dir_all(&work);
    let root = util::root();
    let mut command = Command::new(venv.join("bin/python"));
    command
        .arg(root.join("tests/api-fuzz/fuzz.py"))
        .arg("--base-url")
        .arg(&server.base_url)
        .arg("--st")
        .arg(venv.join("bin/st"))
        .arg("--work-dir")
        .arg(&work)
        .current_dir(&root)
        .env("PYTHONUNBUFFERED", "1");
    if let Some(seed) = std::env::var_os("KRING_FUZZ_SEED") {
        command.arg("--seed").arg(seed);
    }
    let result = run_libtest(&mut command, "Schemathesis (API fuzzing)");
    drop(server);
    result
}

/// The tests of a Playwright JSON report whose outcome was "unexpected" (failed), as
/// "file › title [project]".
fn unexpected_tests(report: &serde_json::Value) -> Vec<String> {
    fn walk(suite: &serde_json::Value, out: &mut Vec<String>) {
        let specs = suite.get("specs").and_then(|s| s.as_array());
        for spec in specs.into_iter().flatten() {
            let title = spec.get("title").and_then(|t| t.as_str()).unwrap_or("?");
            let file = spec.get("file").and_then(|t| t.as_str()).unwrap_or("?");
            let tests = spec.get("tests").and_then(|t| t.as_array());
            for test in tests.into_iter().flatten() {
                if test.get("status").and_then(|s| s.as_str()) == Some("unexpected") {
                    let project = test
                        .get("projectName")
                        .and_then(|p| p.as_str())
                        .unwrap_or("");
                    out.push(format!("{file} › {title} [{project}]"));
                }
            }
        }
        let suites = suite.get("suites").and_then(|s| s.as_array());
        for child in suites.into_iter().flatten() {
            walk(child, out);
        }
    }
    let mut out = Vec::new();
    walk(report, &mut out);
    out
}

/// Runs the Playwright tests for one demo data set and counts their results.
fn playwright(
    build: &BuildTools,
    browser: &TestTools,
    base_url: &str,
    data: &str,
) -> (usize, usize) {
    let report = setup::target_dir().join(format!("e2e-report-{data}.json"));
    let _ = std::fs::remove_file(&report);
    let root = util::root();
    let mut command = Command::new(root.join("node_modules/.bin/playwright"));
    command.args(["test", "--config", "tests/e2e/playwright.config.ts"]);
    if let Some(pattern) = PLAYWRIGHT_GREP.lock().ok().and_then(|g| g.clone()) {
        command.arg("--grep").arg(pattern);
    }
    let status = command
        .current_dir(&root)
        .env("PATH", &build.path)
        .env("KRING_BASE_URL", base_url)
        .env("KRING_DEMO_DATA", data)
        .env("KRING_CHROMIUM", &browser.chromium)
        .env("PLAYWRIGHT_JSON_OUTPUT_NAME", &report)
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
        .status();
    let json = std::fs::read_to_string(&report)
        .ok()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok());
    if let Some(json) = &json {
        for name in unexpected_tests(json) {
            record_failure(format!("e2e ({data} data): {name}"));
        }
    }
    let counts = json.and_then(|json| {
        let stats = json.get("stats")?;
        let n = |k: &str| stats.get(k).and_then(|v| v.as_u64()).unwrap_or(0) as usize;
        Some((n("expected") + n("flaky"), n("unexpected")))
    });
    match (counts, status) {
        (Some((passed, failed)), Ok(status)) => {
            let failed = if status.success() || failed > 0 {
                failed
            } else {
                failed + 1
            };
            (passed, failed)
        }
        (_, Err(e)) => {
            eprintln!("cannot run Playwright: {e}");
            (0, 1)
        }
        (None, _) => {
            eprintln!("Playwright wrote no report");
            (0, 1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_libtest_lines_give_the_test_name() {
        assert_eq!(
            failed_test_name("test auth::tests::wrong_code ... FAILED"),
            Some("auth::tests::wrong_code")
        );
        assert_eq!(
            failed_test_name("test auth::tests::wrong_code ... ok"),
            None
        );
        assert_eq!(
            failed_test_name("test result: FAILED. 1 passed; 1 failed"),
            None
        );
    }

    #[test]
    fn unexpected_playwright_tests_are_named_with_file_and_project() {
        let report = serde_json::json!({"suites": [{"suites": [{"specs": [
            {"title": "signs in", "file": "identity.spec.ts", "tests": [
                {"status": "expected", "projectName": "phone"},
                {"status": "unexpected", "projectName": "desktop"}]}]}]}]});
        assert_eq!(
            unexpected_tests(&report),
            vec!["identity.spec.ts › signs in [desktop]".to_owned()]
        );
    }

    #[test]
    fn parses_libtest_and_wasm_bindgen_result_lines() {
        assert_eq!(
            parse_test_result("test result: ok. 42 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 16.29s"),
            Some((42, 0))
        );
        assert_eq!(
            parse_test_result("test result: FAILED. 39 passed; 3 failed; 0 ignored"),
            Some((39, 3))
        );
        assert_eq!(parse_test_result("running 3 tests"), None);
    }

    #[test]
    fn a_rule_left_open_is_found_and_at_rules_may_nest() {
        let fine = "/* a { b */\n.a { color: red; }\n@media (width < 30em) {\n  .b { content: \"{\"; }\n}\n@keyframes k { from { opacity: 0; } }\n";
        assert_eq!(rules_closed(fine), Ok(()));
        let lost = ".a {\n  color: red;\n/* next */\n.b {\n  color: blue;\n}\n";
        let problem = rules_closed(lost).unwrap_err();
        assert!(
            problem.starts_with("line 4: `.b` opens inside"),
            "{problem}"
        );
        assert!(rules_closed(".a { color: red; }\n}").is_err());
        assert!(rules_closed("@media print {\n.a { color: red; }\n").is_err());
    }
}

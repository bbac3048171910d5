//! `cargo xtask bench`: sizes and timings as a table, also written to
//! `target/bench/report.json` and `target/bench/report.md`.
//!
//! Rows: the initial route's WASM, JS and CSS (raw, gzip, brotli) against the bundle
//! budget; the app's release build time after a change to the app crate; the server's
//! start-up time on an existing database and on a first start that creates demo data.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::build;
use crate::setup;
use crate::test::{start_server, BUNDLE_BUDGET_BYTES};
use crate::util::{self, Failure};

struct Row {
    name: String,
    value: String,
    budget: String,
    holds: Option<bool>,
    json: serde_json::Value,
}

/// Runs the benchmark and prints the table.
pub fn run(_args: &[String]) -> Result<(), Failure> {
    let tools = setup::ensure_build_tools()?;
    let root = util::root();
    let mut rows = Vec::new();

    // Build once so the timed build below is an incremental one of the app crate.
    build::spa(&tools)?;
    let lib = root.join("src/lib.rs");
    let touched = std::fs::read(&lib).map_err(|e| Failure::new(format!("read src/lib.rs: {e}")))?;
    std::fs::write(&lib, &touched).map_err(|e| Failure::new(format!("touch src/lib.rs: {e}")))?;
    let build_time = build::spa(&tools)?;
    rows.push(Row {
        name: "App release build (app crate changed)".into(),
        value: format!("{:.1} s", build_time.as_secs_f64()),
        budget: "-".into(),
        holds: None,
        json: json!({ "seconds": build_time.as_secs_f64() }),
    });

    let dist = root.join("dist");
    let mut totals = [0u64; 3];
    for asset in build::initial_route_assets(&dist)? {
        let bytes = std::fs::read(&asset)
            .map_err(|e| Failure::new(format!("read {}: {e}", asset.display())))?;
        let sizes = [
            bytes.len() as u64,
            build::gzip(&bytes).len() as u64,
            build::brotli(&bytes).len() as u64,
        ];
        for (t, s) in totals.iter_mut().zip(sizes) {
            *t += s;
        }
        let kind = asset
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_uppercase();
        rows.push(Row {
            name: format!("{kind} ({})", asset.file_name().unwrap_or_default().to_string_lossy()),
            value: format!("{} / {} / {} B", sizes[0], sizes[1], sizes[2]),
            budget: "-".into(),
            holds: None,
            json: json!({ "file": asset.file_name().unwrap_or_default().to_string_lossy(), "raw": sizes[0], "gzip": sizes[1], "brotli": sizes[2] }),
        });
    }
    rows.push(Row {
        name: "Initial route WASM+JS+CSS (raw / gzip / brotli)".into(),
        value: format!(
            "{} / {} / {} B ({:.1} KiB brotli)",
            totals[0],
            totals[1],
            totals[2],
            totals[2] as f64 / 1024.0
        ),
        budget: format!("<= {} KiB brotli", BUNDLE_BUDGET_BYTES / 1024),
        holds: Some(totals[2] <= BUNDLE_BUDGET_BYTES),
        json: json!({ "raw": totals[0], "gzip": totals[1], "brotli": totals[2], "budget_brotli": BUNDLE_BUDGET_BYTES }),
    });

    util::step("Building the server (release) for the start-up measurement");
    util::cargo(&["build", "--release", "-p", "kring-server"])?;
    let binary = setup::target_dir().join("release/kring-server");
    let first = timed_start(&binary)?;
    rows.push(Row {
        name: "Server first start (creates small demo data)".into(),
        value: format!("{:.0} ms", first.as_secs_f64() * 1000.0),
        budget: "-".into(),
        holds: None,
        json: json!({ "ms": first.as_secs_f64() * 1000.0 }),
    });
    let cold = timed_restart(&binary)?;
    rows.push(Row {
        name: "Server cold start (existing database)".into(),
        value: format!("{:.0} ms", cold.as_secs_f64() * 1000.0),
        budget: "-".into(),
        holds: None,
        json: json!({ "ms": cold.as_secs_f64() * 1000.0 }),
    });

    print_and_write(&rows)
}

/// Time from spawning the server (fresh data folder) until it listens.
fn timed_start(binary: &std::path::Path) -> Result<Duration, Failure> {
    let started = Instant::now();
    let server = start_server(binary, &[])?;
    let took = started.elapsed();
    drop(server);
    Ok(took)
}

/// Time to start on a database that already exists (migrations and demo data done).
fn timed_restart(binary: &std::path::Path) -> Result<Duration, Failure> {
    use std::process::{Command, Stdio};
    let data = crate::test::TempFolder::new("bench").map_err(|e| Failure::new(e.to_string()))?;
    let run = || -> Result<Duration, Failure> {
        let started = Instant::now();
        let mut child = Command::new(binary)
            .args(["--demo", "--port", "0", "--data-dir"])
            .arg(&data.0)
            .env("KRING_LOG", "warn")
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| Failure::new(format!("start server: {e}")))?;
        let mut line = String::new();
        use std::io::BufRead;
        let mut reader = std::io::BufReader::new(child.stdout.take().expect("piped"));
        reader
            .read_line(&mut line)
            .map_err(|e| Failure::new(e.to_string()))?;
        let took = started.elapsed();
        let _ = child.kill();
        let _ = child.wait();
        if line.starts_with("kring-server listening on") {
            Ok(took)
        } else {
            Err(Failure::new(format!("server did not start: {line:?}")))
        }
    };
    run()?; // creates the database and demo data
    let mut best = Duration::MAX;
    for _ in 0..3 {
        best = best.min(run()?);
    }
    Ok(best)
}

fn print_and_write(rows: &[Row]) -> Result<(), Failure> {
    let width = rows.iter().map(|r| r.name.len()).max().unwrap_or(10);
    let mut md =
        String::from("| measurement | value | budget | holds |\n| --- | --- | --- | --- |\n");
    println!(
        "\n{:<width$}  {:<50}  {:<22}  holds",
        "measurement", "value", "budget"
    );
    for row in rows {
        let holds = match row.holds {
            Some(true) => "yes",
            Some(false) => "NO",
            None => "-",
        };
        println!(
            "{:<width$}  {:<50}  {:<22}  {holds}",
            row.name, row.value, row.budget
        );
        md.push_str(&format!(
            "| {} | {} | {} | {holds} |\n",
            row.name, row.value, row.budget
        ));
    }
    let dir = setup::target_dir().join("bench");
    std::fs::create_dir_all(&dir)
        .map_err(|e| Failure::new(format!("create {}: {e}", dir.display())))?;
    let report = json!({
        "rows": rows.iter().map(|r| json!({
            "name": r.name, "value": r.value, "budget": r.budget, "holds": r.holds, "data": r.json,
        })).collect::<Vec<_>>(),
    });
    let json_path = dir.join("report.json");
    std::fs::write(
        &json_path,
        serde_json::to_string_pretty(&report).unwrap_or_default(),
    )
    .map_err(|e| Failure::new(format!("write {}: {e}", json_path.display())))?;
    std::fs::write(dir.join("report.md"), md)
        .map_err(|e| Failure::new(format!("write report.md: {e}")))?;
    println!("\nwritten: {} and report.md", json_path.display());
    if rows.iter().any(|r| r.holds == Some(false)) {
        return Err(Failure::new("a budget does not hold"));
    }
    Ok(())
}

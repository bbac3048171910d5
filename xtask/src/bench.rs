//! `cargo xtask bench`: sizes and timings as a table, also written to
//! `target/bench/report.json` and `target/bench/report.md`.
//!
//! Rows: the initial route's WASM, JS and CSS (raw, gzip, brotli) against the bundle
//! budget; the app's release build time after a change to the app crate; the server's
//! start-up time on an existing database and on a first start that creates demo data;
//! on the `large` demo data (10,000 reports), the reports list in Chromium (first report
//! shown, 500 more by scrolling, 4x CPU throttling; `tests/bench/dossier.mjs`), the server
//! under load with oha (`load.rs`); on the same data (1,000 photos), the gallery's first
//! screen of thumbnails (time and bytes, 4x CPU throttling) and the upload's throughput
//! with camera-sized photos (`tests/bench/gallery.mjs`); and the development loop
//! (`cargo xtask dev`): a saved text until the browser shows it (`tests/bench/dev-loop.mjs`).

use std::time::{Duration, Instant};

use serde_json::json;

use crate::build;
use crate::setup;
use crate::test::{start_server, BUNDLE_BUDGET_BYTES};
use crate::util::{self, Failure};

/// The first report must be on screen this soon after opening the list.
const FIRST_REPORT_BUDGET_MS: f64 = 1000.0;
/// Scrolling must bring 500 more reports within this time.
const MORE_500_BUDGET_MS: f64 = 10_000.0;
/// In `cargo xtask dev`, a saved change must be in the browser within this time.
const DEV_LOOP_BUDGET_S: f64 = 30.0;

/// One line of the report: what was measured, the figure, its budget and whether it holds.
pub(crate) struct Row {
    pub(crate) name: String,
    pub(crate) value: String,
    pub(crate) budget: String,
    /// `None` where the issue sets no budget.
    pub(crate) holds: Option<bool>,
    pub(crate) json: serde_json::Value,
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
    // Every step, as after a real change (the same WASM would otherwise be reused).
    let build_time = build::spa_every_step(&tools)?;
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
    util::cargo(&[
        "build",
        "--release",
        "-p",
        "kring-server",
        "--features",
        "demo",
    ])?;
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

    rows.extend(dossier_rows(&tools, &binary)?);
    rows.extend(crate::lighthouse::rows(&tools, &binary)?);
    rows.push(dev_loop_row(&tools)?);

    print_and_write(&rows)
}

/// The reports list and endpoint on the `large` demo data.
fn dossier_rows(tools: &setup::BuildTools, binary: &std::path::Path) -> Result<Vec<Row>, Failure> {
    let browser = setup::ensure_test_tools()?;
    util::step("Starting the server with the large demo data (10,000 reports; takes a while)");
    let seeding = Instant::now();
    let server = start_server(binary, &["--demo-size", "large"])?;
    let seeded = seeding.elapsed();
    util::step("Measuring the reports list in Chromium");
    let measured = bench_script("dossier", tools, &server.base_url, &browser.chromium)?;
    let session = crate::load::Session::from_bench(&measured)?;
    let load = crate::load::rows(&server.base_url, server.pid(), &session)?;
    util::step(
        "Measuring the gallery (1,000 photos) in Chromium and uploads of camera-sized photos",
    );
    let gallery = bench_script("gallery", tools, &server.base_url, &browser.chromium)?;
    drop(server);
    let number = |path: &[&str]| {
        path.iter()
            .try_fold(&measured, |value, key| value.get(key))
            .and_then(serde_json::Value::as_f64)
            .unwrap_or(f64::NAN)
    };
    let first = number(&["first_report_ms"]);
    let more = number(&["more_500_ms"]);
    Ok(vec![
        Row {
            name: "Server first start with large demo data".into(),
            value: format!("{:.1} s", seeded.as_secs_f64()),
            budget: "-".into(),
            holds: None,
            json: json!({ "seconds": seeded.as_secs_f64() }),
        },
        Row {
            name: "Reports (large data, phone, 4x CPU throttle): first report shown after opening"
                .into(),
            value: format!("{first:.0} ms"),
            budget: format!("<= {FIRST_REPORT_BUDGET_MS} ms"),
            holds: Some(first <= FIRST_REPORT_BUDGET_MS),
            json: json!({ "ms": first, "budget_ms": FIRST_REPORT_BUDGET_MS }),
        },
        Row {
            name: "Reports (same): 500 more by scrolling".into(),
            value: format!(
                "{more:.0} ms ({:.0} reports, {:.0} DOM elements after)",
                number(&["reports_in_dom"]),
                number(&["dom_nodes"])
            ),
            budget: format!("<= {MORE_500_BUDGET_MS} ms"),
            holds: Some(more <= MORE_500_BUDGET_MS),
            json: json!({ "ms": more, "reports_in_dom": number(&["reports_in_dom"]), "dom_nodes": number(&["dom_nodes"]), "budget_ms": MORE_500_BUDGET_MS }),
        },
    ]
    .into_iter()
    .chain(load)
    .chain(gallery_rows(&gallery))
    .collect())
}

/// Runs `tests/bench/{name}.mjs` against the server and returns the JSON line it printed
/// last.
pub(crate) fn bench_script(
    name: &str,
    tools: &setup::BuildTools,
    base_url: &str,
    chromium: &std::path::Path,
) -> Result<serde_json::Value, Failure> {
    let output = std::process::Command::new("node")
        .arg(util::root().join(format!("tests/bench/{name}.mjs")))
        .current_dir(util::root())
        .env("PATH", &tools.path)
        .env("KRING_BASE_URL", base_url)
        .env("KRING_CHROMIUM", chromium)
        .output()
        .map_err(|e| Failure::new(format!("cannot run node: {e}")))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(Failure::new(format!(
            "the {name} bench failed:\n{stdout}\n{}",
            String::from_utf8_lossy(&output.stderr)
        )));
    }
    stdout
        .lines()
        .rev()
        .find_map(|line| serde_json::from_str(line).ok())
        .ok_or_else(|| Failure::new(format!("the {name} bench printed no result:\n{stdout}")))
}

/// The gallery on the `large` demo data (1,000 photos) and the upload's throughput.
/// The issue sets no budget for these; they are measured so changes show.
fn gallery_rows(measured: &serde_json::Value) -> Vec<Row> {
    let number = |path: &[&str]| {
        path.iter()
            .try_fold(measured, |value, key| value.get(key))
            .and_then(serde_json::Value::as_f64)
            .unwrap_or(f64::NAN)
    };
    let first = number(&["gallery", "first_screen_ms"]);
    let bytes = number(&["gallery", "bytes_first_screen"]);
    let settled = number(&["gallery", "bytes_settled"]);
    let per_second = number(&["upload", "per_second"]);
    vec![
        Row {
            name:
                "Gallery (1,000 photos, phone, 4x CPU throttle): first screen of thumbnails shown"
                    .into(),
            value: format!(
                "{first:.0} ms ({:.0} thumbnails on screen)",
                number(&["gallery", "thumbnails_on_screen"])
            ),
            budget: "-".into(),
            holds: None,
            json: measured["gallery"].clone(),
        },
        Row {
            name: "Gallery (same): bytes transferred for the first screen / after 2 s".into(),
            value: format!(
                "{:.1} KiB ({:.0} images) / {:.1} KiB ({:.0} images)",
                bytes / 1024.0,
                number(&["gallery", "images_first_screen"]),
                settled / 1024.0,
                number(&["gallery", "images_settled"])
            ),
            budget: "-".into(),
            holds: None,
            json: measured["gallery"].clone(),
        },
        Row {
            name:
                "Photo upload: 10 camera JPEGs (4000x3000), 2 in flight, re-encoded by the server"
                    .into(),
            value: format!(
                "{per_second:.2} photos/s ({:.1} MB each, {:.1} s in all)",
                number(&["upload", "average_bytes"]) / 1_000_000.0,
                number(&["upload", "seconds"])
            ),
            budget: "-".into(),
            holds: None,
            json: measured["upload"].clone(),
        },
    ]
}

/// `cargo xtask dev`: from saving a changed text (the start page's heading in
/// `locales/nl.json`) until the browser shows it, three times (`tests/bench/dev-loop.mjs`,
/// which puts the file back).
fn dev_loop_row(tools: &setup::BuildTools) -> Result<Row, Failure> {
    let browser = setup::ensure_test_tools()?;
    util::step("Measuring the development loop (cargo xtask dev): a saved text in the browser");
    // A free port for the app (8080 may be a `cargo xtask run`); the server's is
    // Trunk.toml's proxy backend.
    let app_port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map_err(|e| Failure::new(format!("no free port: {e}")))?
        .port();
    let trunk = crate::setup::ensure_trunk()?;
    let mut running = crate::dev::start(tools, &trunk, &["--port".into(), app_port.to_string()])?;
    running.wait_until_ready(Duration::from_secs(30 * 60))?;
    let measured = bench_script("dev-loop", tools, &running.app_url, &browser.chromium)?;
    drop(running);
    let runs: Vec<f64> = measured["runs_s"]
        .as_array()
        .map(|runs| runs.iter().filter_map(serde_json::Value::as_f64).collect())
        .unwrap_or_default();
    let slowest = runs.iter().copied().fold(f64::NAN, f64::max);
    Ok(Row {
        name: "Development loop: a saved text shown in the browser (cargo xtask dev)".into(),
        value: format!(
            "{slowest:.1} s slowest of {} ({})",
            runs.len(),
            runs.iter()
                .map(|s| format!("{s:.1} s"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        budget: format!("< {DEV_LOOP_BUDGET_S} s"),
        holds: Some(!runs.is_empty() && slowest < DEV_LOOP_BUDGET_S),
        json: json!({ "runs_s": runs, "restore_s": measured["restore_s"], "budget_s": DEV_LOOP_BUDGET_S }),
    })
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

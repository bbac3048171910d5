//! The server under load, for `cargo xtask bench`: oha (from crates.io) on loopback,
//! each run bounded in time. With Daan's signed-in session on the `large` demo data: the
//! report page and one photo thumbnail, each at rising concurrency (the most requests
//! per second while the 95th percentile stays under 50 ms) and at a fixed 200 requests
//! per second (p50 / p95 / p99, corrected for coordinated omission). Then the password
//! step of signing in, where argon2 runs at most `--password-hash-concurrency` hashes at
//! once, and the server's resident memory after all of it.

use std::path::Path;
use std::process::Command;

use serde_json::{json, Value};

use crate::bench::Row;
use crate::util::Failure;

/// The 95th percentile the read endpoints must stay under.
pub(crate) const P95_BUDGET_MS: f64 = 50.0;
/// The fixed rate of the latency runs.
const FIXED_RATE: u32 = 200;
/// The server's peak resident memory since it started (creating the large demo data,
/// then the load runs): it must fit a small machine next to its database.
const MEMORY_BUDGET_MIB: f64 = 256.0;
/// Concurrency steps of the throughput search.
const CONCURRENCY_STEPS: [u32; 7] = [1, 2, 4, 8, 16, 32, 64];
/// Seconds per throughput step; the fixed-rate and sign-in runs take twice as long.
const STEP_SECONDS: u32 = 5;

/// A signed-in session and the URLs to load, as printed by `tests/bench/dossier.mjs`.
pub(crate) struct Session {
    pub(crate) cookie: String,
    pub(crate) reports_url: String,
    pub(crate) thumbnail_url: String,
}

impl Session {
    /// Reads the `session` object of the dossier bench's result.
    pub(crate) fn from_bench(measured: &Value) -> Result<Self, Failure> {
        let field = |name: &str| {
            measured["session"][name]
                .as_str()
                .map(str::to_owned)
                .ok_or_else(|| Failure::new(format!("the dossier bench printed no session {name}")))
        };
        Ok(Self {
            cookie: field("cookie")?,
            reports_url: field("reports_url")?,
            thumbnail_url: field("thumbnail_url")?,
        })
    }
}

/// One oha run's figures.
struct Run {
    per_second: f64,
    p50: f64,
    p95: f64,
    p99: f64,
    /// Responses that were not 2xx, plus connection errors (not the requests oha cut off
    /// when the run's time was up).
    failures: u64,
    json: Value,
}

impl Run {
    fn holds(&self) -> bool {
        self.p95 < P95_BUDGET_MS && self.failures == 0
    }
}

/// Runs oha with `args` against `url` and reads its JSON summary.
fn oha(oha: &Path, url: &str, args: &[String]) -> Result<Run, Failure> {
    let output = Command::new(oha)
        .args(["--no-tui", "--output-format", "json"])
        .args(args)
        .arg(url)
        .output()
        .map_err(|e| Failure::new(format!("cannot run oha: {e}")))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(Failure::new(format!(
            "oha failed:\n{stdout}\n{}",
            String::from_utf8_lossy(&output.stderr)
        )));
    }
    let summary: Value = serde_json::from_str(&stdout)
        .map_err(|e| Failure::new(format!("oha printed no JSON ({e}):\n{stdout}")))?;
    let number = |path: &[&str]| {
        path.iter()
            .try_fold(&summary, |value, key| value.get(key))
            .and_then(Value::as_f64)
            .unwrap_or(f64::NAN)
    };
    let count = |key: &str, ok: fn(&str) -> bool| -> u64 {
        summary[key]
            .as_object()
            .map(|map| {
                map.iter()
                    .filter(|(k, _)| !ok(k))
                    .map(|(_, v)| v.as_u64().unwrap_or(0))
                    .sum()
            })
            .unwrap_or(0)
    };
    let (per_second, p50, p95, p99) = (
        number(&["metrics", "requests_per_sec"]),
        number(&["metrics", "latency_ms", "p50"]),
        number(&["metrics", "latency_ms", "p95"]),
        number(&["metrics", "latency_ms", "p99"]),
    );
    let failures = count("statusCodeDistribution", |code| code.starts_with('2'))
        // Requests still in flight when the time is up are cut off by oha itself.
        + count("errorDistribution", |error| error == "aborted due to deadline");
    let json = json!({
        "per_second": per_second, "p50_ms": p50, "p95_ms": p95, "p99_ms": p99,
        "failures": failures, "statuses": summary["statusCodeDistribution"],
        "errors": summary["errorDistribution"],
    });
    Ok(Run {
        per_second,
        p50,
        p95,
        p99,
        failures,
        json,
    })
}

fn seconds(n: u32) -> String {
    format!("{n}s")
}

/// The rows for one read endpoint: the most requests per second with p95 under the
/// budget, and the latencies at the fixed rate.
fn read_endpoint_rows(
    oha_bin: &Path,
    what: &str,
    url: &str,
    cookie: &str,
) -> Result<Vec<Row>, Failure> {
    let header = ["-H".to_owned(), format!("cookie: {cookie}")];
    let mut steps = Vec::new();
    let mut best: Option<(u32, Run)> = None;
    for concurrency in CONCURRENCY_STEPS {
        let mut args = vec![
            "-c".to_owned(),
            concurrency.to_string(),
            "-z".to_owned(),
            seconds(STEP_SECONDS),
        ];
        args.extend(header.iter().cloned());
        let run = oha(oha_bin, url, &args)?;
        steps.push(json!({ "concurrency": concurrency, "run": run.json }));
        if !run.holds() {
            break;
        }
        if best
            .as_ref()
            .is_none_or(|(_, b)| run.per_second > b.per_second)
        {
            best = Some((concurrency, run));
        }
    }
    let throughput = match &best {
        Some((concurrency, run)) => Row {
            name: format!("{what}: most requests/s with p95 < {P95_BUDGET_MS} ms (oha)"),
            value: format!(
                "{:.0} req/s at {concurrency} concurrent (p95 {:.1} ms)",
                run.per_second, run.p95
            ),
            budget: format!("p95 < {P95_BUDGET_MS} ms, no errors"),
            holds: Some(true),
            json: json!({ "best_concurrency": concurrency, "best": run.json, "steps": steps }),
        },
        None => Row {
            name: format!("{what}: most requests/s with p95 < {P95_BUDGET_MS} ms (oha)"),
            value: "p95 over budget (or errors) even with 1 request at a time".into(),
            budget: format!("p95 < {P95_BUDGET_MS} ms, no errors"),
            holds: Some(false),
            json: json!({ "steps": steps }),
        },
    };
    let mut args = vec![
        "-q".to_owned(),
        FIXED_RATE.to_string(),
        "--latency-correction".to_owned(),
        "-c".to_owned(),
        "32".to_owned(),
        "-z".to_owned(),
        seconds(2 * STEP_SECONDS),
    ];
    args.extend(header);
    let fixed = oha(oha_bin, url, &args)?;
    let at_rate = Row {
        name: format!("{what}: at a fixed {FIXED_RATE} req/s (p50 / p95 / p99)"),
        value: format!(
            "{:.1} / {:.1} / {:.1} ms ({:.0} req/s served)",
            fixed.p50, fixed.p95, fixed.p99, fixed.per_second
        ),
        budget: format!("p95 < {P95_BUDGET_MS} ms, no errors"),
        holds: Some(fixed.holds()),
        json: fixed.json,
    };
    Ok(vec![throughput, at_rate])
}

/// The load rows, against the running server with process id `pid`.
pub(crate) fn rows(base_url: &str, pid: u32, session: &Session) -> Result<Vec<Row>, Failure> {
    let oha_bin = crate::setup::ensure_oha()?;
    crate::util::step("Loading the report page and a thumbnail with oha");
    let mut rows = read_endpoint_rows(
        &oha_bin,
        "Report page endpoint (large data, signed in)",
        &session.reports_url,
        &session.cookie,
    )?;
    rows.extend(read_endpoint_rows(
        &oha_bin,
        "Photo thumbnail endpoint (320 px, signed in)",
        &session.thumbnail_url,
        &session.cookie,
    )?);

    crate::util::step("Loading the password step of signing in (argon2) with oha");
    // Lotte's right password: every request hashes, and none counts as a failure that
    // the throttle would slow down.
    let body = json!({ "email": "lotte@demo.example", "password": "kring-demo-wachtwoord" });
    let args: Vec<String> = [
        "-m",
        "POST",
        "-T",
        "application/json",
        "-H",
        "x-kring-csrf: 1",
        "-H",
        &format!("origin: {base_url}"),
        "-d",
        &body.to_string(),
        "-c",
        "8",
        "-z",
        &seconds(2 * STEP_SECONDS),
    ]
    .iter()
    .map(|a| (*a).to_owned())
    .collect();
    let sign_in = oha(&oha_bin, &format!("{base_url}/api/v1/auth/sign-in"), &args)?;
    rows.push(Row {
        name: "Sign-in password step, 8 concurrent (argon2, 2 hashes at a time)".into(),
        value: format!(
            "{:.1} sign-ins/s, p50 / p95 / p99 {:.0} / {:.0} / {:.0} ms, {} failed",
            sign_in.per_second, sign_in.p50, sign_in.p95, sign_in.p99, sign_in.failures
        ),
        budget: "no errors".into(),
        holds: Some(sign_in.failures == 0),
        json: sign_in.json,
    });

    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .map_err(|e| Failure::new(format!("read the server's /proc status: {e}")))?;
    let kib = |field: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(field))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse::<f64>().ok())
            .unwrap_or(f64::NAN)
    };
    let (rss, peak) = (kib("VmRSS:"), kib("VmHWM:"));
    rows.push(Row {
        name: "Server resident memory after the load runs (now / peak)".into(),
        value: format!("{:.1} MiB / {:.1} MiB", rss / 1024.0, peak / 1024.0),
        budget: format!("peak <= {MEMORY_BUDGET_MIB} MiB"),
        holds: Some(peak / 1024.0 <= MEMORY_BUDGET_MIB),
        json: json!({ "rss_kib": rss, "peak_kib": peak }),
    });
    Ok(rows)
}

//! The project's commands, run as `cargo xtask <command>`:
//!
//! - `run`: install what is missing, build, start the reference server with demo data;
//! - `dev`: the development loop: the server with demo data and `trunk serve`, which
//!   rebuilds the app (debug, unsplit) on every save;
//! - `test`: every test suite, ending with one line `N passed, N failed`;
//! - `bench`: sizes and timings, printed and written to `target/bench/`;
//! - `build`: only build the app into `dist/` (release, precompressed);
//! - `openapi`: rewrite `crates/api/openapi.json` from the contract;
//! - `setup`: only install the tools.

mod bench;
mod build;
mod dev;
mod lighthouse;
mod load;
mod lock;
mod page;
mod postgres;
mod setup;
mod test;
mod util;

use std::process::ExitCode;

const USAGE: &str = "\
Usage: cargo xtask <command> [options]

Commands:
  run [server options]   Build everything and start the portal with demo data.
                         Options go to the server, e.g. --port 9000, --data-dir DIR,
                         --reset-demo, --demo-size large, --organisation het-anker.
  dev [server options]   The development loop: the server (debug, demo data) and
                         `trunk serve`, which rebuilds the app on every save and
                         reloads the browser. --port is the app's (default 8080).
  test [--suite NAME]    Run every test suite (native, lint, postgres, wasm, bundle, e2e,
                         apifuzz) or only the named ones (repeatable).
  bench                  Measure bundle sizes, build time and server start-up.
  build                  Build the app into dist/ (release, precompressed).
  openapi                Regenerate crates/api/openapi.json.
  setup [--test]         Install the tools the build (and with --test, the tests) need.
";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let command = args.next();
    let rest: Vec<String> = args.collect();
    let result = match command.as_deref() {
        Some("run") => run(&rest),
        Some("dev") => dev::run(&rest),
        Some("test") => lock::build_lock().and_then(|_held| test::run(&rest)),
        Some("bench") => lock::build_lock().and_then(|_held| bench::run(&rest)),
        Some("build") => {
            setup::ensure_build_tools().and_then(|tools| build::spa(&tools).map(|_| ()))
        }
        Some("openapi") => openapi(),
        Some("setup") => setup::ensure_build_tools().and_then(|_| {
            if rest.iter().any(|a| a == "--test") {
                setup::ensure_test_tools().map(|_| ())
            } else {
                Ok(())
            }
        }),
        Some("-h" | "--help" | "help") | None => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => Err(util::Failure::new(format!(
            "unknown command `{other}`\n\n{USAGE}"
        ))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("\nxtask: {failure}");
            ExitCode::FAILURE
        }
    }
}

/// `cargo xtask run`: tools, app build, server build, then the server in the foreground.
fn run(server_args: &[String]) -> Result<(), util::Failure> {
    let tools = setup::ensure_build_tools()?;
    let building = lock::build_lock()?;
    build::spa(&tools)?;
    util::step("Building the server (release)");
    util::cargo(&[
        "build",
        "--release",
        "-p",
        "kring-server",
        "--features",
        "demo",
    ])?;
    drop(building);
    let root = util::root();
    // Defaults that the person's own options replace.
    let given = |flag: &str| {
        server_args
            .iter()
            .any(|a| a == flag || a.starts_with(&format!("{flag}=")))
    };
    let mut args: Vec<String> = vec!["--demo".into()];
    if !given("--data-dir") {
        args.extend(["--data-dir".into(), root.join("data").display().to_string()]);
    }
    if !given("--spa-dir") {
        args.extend(["--spa-dir".into(), root.join("dist").display().to_string()]);
    }
    // A habitual `--` (as in `cargo run -- …`) would make clap read the rest as a command.
    args.extend(
        server_args
            .iter()
            .filter(|a| *a != "--demo" && *a != "--")
            .cloned(),
    );
    util::step("Starting the portal (first start creates the demo data; this takes a moment)");
    let status = std::process::Command::new(setup::target_dir().join("release/kring-server"))
        .args(&args)
        .current_dir(&root)
        .status()
        .map_err(|e| util::Failure::new(format!("cannot start kring-server: {e}")))?;
    if status.success() {
        Ok(())
    } else {
        Err(util::Failure::new(format!(
            "kring-server stopped: {status}"
        )))
    }
}

/// `cargo xtask openapi`: regenerate the committed OpenAPI document.
fn openapi() -> Result<(), util::Failure> {
    util::step("Regenerating crates/api/openapi.json");
    let output = util::cargo_output(&["run", "--quiet", "-p", "kring-server", "--", "openapi"])?;
    let path = util::root().join("crates/api/openapi.json");
    std::fs::write(&path, output)
        .map_err(|e| util::Failure::new(format!("cannot write {}: {e}", path.display())))?;
    println!("  wrote {}", path.display());
    Ok(())
}

//! Checks and installs what building and testing need, telling the person each step.
//!
//! Versions are exact (see `../shared/TOOLCHAIN.md` and DEVELOPERS.md "Build"):
//! wasm-bindgen-cli at the version in Cargo.lock, binaryen 132 and lightningcss from npm
//! (Debian's wasm-opt 108 builds a WASM that fails in Chromium), and for the
//! development loop only Trunk 0.21.14 (0.22 needs a newer rustc).
//! Cargo-installed tools go to `<target>/tools/bin`, so a kept target folder keeps them.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{self, Failure};

/// The Trunk version that works with this toolchain.
pub const TRUNK_VERSION: &str = "0.21.14";
/// The binaryen version (npm's `binaryen`, whose `wasm-opt` says it); Trunk.toml pins the
/// same for `trunk serve`.
pub const WASM_OPT_VERSION: &str = "version_132";

/// What the build found or installed.
pub struct BuildTools {
    /// PATH with the project's tools in front.
    pub path: OsString,
    /// The wasm-bindgen program.
    pub wasm_bindgen: PathBuf,
}

/// What the browser tests need.
pub struct TestTools {
    /// The Chromium binary.
    pub chromium: PathBuf,
    /// The ChromeDriver binary.
    pub chromedriver: PathBuf,
}

/// The cargo target folder (honours CARGO_TARGET_DIR).
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            if dir.is_absolute() {
                dir
            } else {
                util::root().join(dir)
            }
        }
        None => util::root().join("target"),
    }
}

fn tools_root() -> PathBuf {
    target_dir().join("tools")
}

/// The wasm-bindgen version recorded in Cargo.lock.
pub fn wasm_bindgen_version() -> Result<String, Failure> {
    let lock = std::fs::read_to_string(util::root().join("Cargo.lock"))
        .map_err(|e| Failure::new(format!("cannot read Cargo.lock: {e}")))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
                .and_then(|v| v.strip_suffix('"'))
            {
                return Ok(version.to_owned());
            }
        }
    }
    Err(Failure::new("Cargo.lock has no wasm-bindgen entry"))
}

/// Finds `program` in the project's tool folder or on PATH with a `--version` line
/// equal to `expected`.
fn find_tool(program: &str, expected: &str) -> Option<PathBuf> {
    let local = tools_root().join("bin").join(program);
    let candidates = std::iter::once(local).chain(util::which(program));
    candidates
        .filter(|c| c.is_file())
        .find(|c| util::version_of(&c.display().to_string()).as_deref() == Some(expected))
}

fn cargo_install(krate: &str, version: &str, locked: bool) -> Result<(), Failure> {
    let root = tools_root();
    let mut args = vec![
        "install".to_owned(),
        krate.to_owned(),
        "--version".to_owned(),
        version.to_owned(),
        "--root".to_owned(),
        root.display().to_string(),
    ];
    if locked {
        args.push("--locked".into());
    }
    let mut command = Command::new(util::cargo_bin());
    command.args(&args);
    util::run_status(&mut command, &format!("cargo {}", args.join(" ")))
}

/// The oha version the bench's load runs use (HTTP load generator, from crates.io).
pub const OHA_VERSION: &str = "1.16.0";

/// Finds oha, installing it into the project's tool folder when missing. (Its TLS
/// feature stays on although the bench only talks plain HTTP to 127.0.0.1: oha 1.16
/// does not compile without one.)
pub fn ensure_oha() -> Result<PathBuf, Failure> {
    let line = format!("oha {OHA_VERSION}");
    if let Some(oha) = find_tool("oha", &line) {
        return Ok(oha);
    }
    util::step(&format!(
        "oha {OHA_VERSION}: installing with cargo (about 5 minutes on 2 cores, once)"
    ));
    cargo_install("oha", OHA_VERSION, true)?;
    find_tool("oha", &line)
        .ok_or_else(|| Failure::new(format!("oha {OHA_VERSION} did not install")))
}

/// Installs the WebAssembly target when the toolchain lacks it (the lint suite's
/// clippy run for the app needs it too, without the rest of the build tools).
pub fn ensure_wasm_target() -> Result<(), Failure> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map_err(|_| {
            Failure::new(
                "rustup is not available: install Rust with rustup (https://rustup.rs), \
                 or add the wasm32-unknown-unknown target to your toolchain yourself",
            )
        })?;
    if String::from_utf8_lossy(&installed.stdout)
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        util::note("wasm32-unknown-unknown target: present");
    } else {
        util::note("wasm32-unknown-unknown target: installing (rustup target add)");
        util::run_status(
            Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]),
            "rustup target add wasm32-unknown-unknown",
        )?;
    }
    Ok(())
}

/// Makes sure the wasm target, wasm-bindgen-cli and the npm packages (binaryen,
/// lightningcss, terser, Playwright) are installed.
pub fn ensure_build_tools() -> Result<BuildTools, Failure> {
    util::step("Checking the tools the build needs");
    ensure_wasm_target()?;

    // 3. wasm-bindgen-cli at exactly the version in Cargo.lock.
    let wasm_bindgen_version = wasm_bindgen_version()?;
    let bindgen_line = format!("wasm-bindgen {wasm_bindgen_version}");
    let bindgen = match find_tool("wasm-bindgen", &bindgen_line) {
        Some(path) => {
            util::note(&format!(
                "wasm-bindgen {wasm_bindgen_version}: present ({})",
                path.display()
            ));
            path
        }
        None => {
            util::note(&format!(
                "wasm-bindgen-cli {wasm_bindgen_version} (the version in Cargo.lock): installing with cargo (about 3 minutes, once)"
            ));
            // Without --locked: its lockfile names a crate version the registry lacks.
            cargo_install("wasm-bindgen-cli", &wasm_bindgen_version, false)?;
            find_tool("wasm-bindgen", &bindgen_line)
                .ok_or_else(|| Failure::new("wasm-bindgen-cli was installed but does not run"))?
        }
    };

    // 4. npm packages: wasm-opt (binaryen), and the browser test tools.
    ensure_npm_packages()?;
    let node_bin = util::root().join("node_modules/.bin");
    let wasm_opt = node_bin.join("wasm-opt");
    match util::version_of(&wasm_opt.display().to_string()) {
        Some(v) if v.contains(WASM_OPT_VERSION) => util::note(&format!("wasm-opt: {v}")),
        other => {
            return Err(Failure::new(format!(
                "node_modules/.bin/wasm-opt should be {WASM_OPT_VERSION}, found {other:?}; run `npm ci`"
            )))
        }
    }

    let lightningcss = node_bin.join("lightningcss");
    match util::version_of(&lightningcss.display().to_string()) {
        Some(v) => util::note(&format!("lightningcss: {v}")),
        None => {
            return Err(Failure::new(
                "node_modules/.bin/lightningcss does not run; run `npm ci`",
            ))
        }
    }

    let mut dirs = vec![node_bin];
    if let Some(dir) = bindgen.parent() {
        if !dirs.iter().any(|d| d == dir) {
            dirs.push(dir.to_owned());
        }
    }
    Ok(BuildTools {
        path: util::path_with(&dirs),
        wasm_bindgen: bindgen,
    })
}

/// Finds Trunk, installing it into the project's tool folder when missing. Only the
/// development loop (`trunk serve`) needs it: the release build does the page's work
/// itself (`page.rs`), so `cargo xtask run` and `test` never wait for this install.
pub fn ensure_trunk() -> Result<PathBuf, Failure> {
    let trunk_line = format!("trunk {TRUNK_VERSION}");
    if let Some(path) = find_tool("trunk", &trunk_line) {
        util::note(&format!(
            "Trunk {TRUNK_VERSION}: present ({})",
            path.display()
        ));
        return Ok(path);
    }
    util::note(&format!(
        "Trunk {TRUNK_VERSION}: installing with cargo (takes about 10 minutes on 2 cores, once)"
    ));
    cargo_install("trunk", TRUNK_VERSION, true)?;
    find_tool("trunk", &trunk_line)
        .ok_or_else(|| Failure::new("Trunk was installed but does not run"))
}

/// `npm ci` from the committed lockfile, when node_modules is missing or older.
fn ensure_npm_packages() -> Result<(), Failure> {
    let root = util::root();
    if !util::on_path("npm") {
        if util::is_root() && util::on_path("apt-get") {
            util::note("npm: missing, installing Debian's nodejs and npm");
            apt_install(&["nodejs", "npm"])?;
        } else {
            return Err(Failure::new(
                "npm is not installed. Install Node.js (18 or newer) with npm, then run this again \
                 (on Debian: sudo apt-get install nodejs npm)",
            ));
        }
    }
    let marker = root.join("node_modules/.package-lock.json");
    let up_to_date = modified(&marker)
        .zip(modified(&root.join("package-lock.json")))
        .is_some_and(|(installed, lock)| installed >= lock);
    if up_to_date {
        util::note("npm packages: present");
        return Ok(());
    }
    util::note("npm packages: installing from package-lock.json (npm ci)");
    util::run_status(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(&root),
        "npm ci",
    )
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// Installs Debian packages (as root): `apt-get update`, then `apt-get install`.
pub(crate) fn apt_install(packages: &[&str]) -> Result<(), Failure> {
    util::run_status(
        Command::new("apt-get").args(["update", "-qq"]),
        "apt-get update",
    )?;
    let mut args = vec!["install", "-y", "-qq", "--no-install-recommends"];
    args.extend_from_slice(packages);
    util::run_status(
        Command::new("apt-get")
            .args(&args)
            .env("DEBIAN_FRONTEND", "noninteractive"),
        &format!("apt-get install {}", packages.join(" ")),
    )
}

/// Makes sure Chromium and ChromeDriver are installed (Debian packages when root).
pub fn ensure_test_tools() -> Result<TestTools, Failure> {
    util::step("Checking the tools the browser tests need");
    let find = |env: &str, names: &[&str]| -> Option<PathBuf> {
        std::env::var_os(env)
            .map(PathBuf::from)
            .filter(|p| p.is_file())
            .or_else(|| names.iter().find_map(|n| util::which(n)))
    };
    let mut chromium = find("KRING_CHROMIUM", &["chromium", "chromium-browser"]);
    let mut chromedriver = find("CHROMEDRIVER", &["chromedriver"]);
    if chromium.is_none() || chromedriver.is_none() {
        if util::is_root() && util::on_path("apt-get") {
            util::note(
                "Chromium and ChromeDriver: installing Debian's chromium and chromium-driver",
            );
            apt_install(&["chromium", "chromium-driver"])?;
            chromium = find("KRING_CHROMIUM", &["chromium", "chromium-browser"]);
            chromedriver = find("CHROMEDRIVER", &["chromedriver"]);
        } else {
            return Err(Failure::new(
                "the browser tests need Chromium and ChromeDriver. On Debian or Ubuntu: \
                 sudo apt-get install chromium chromium-driver (or set KRING_CHROMIUM and \
                 CHROMEDRIVER to their paths), then run this again",
            ));
        }
    }
    let chromium = chromium.ok_or_else(|| Failure::new("chromium is still missing"))?;
    let chromedriver = chromedriver.ok_or_else(|| Failure::new("chromedriver is still missing"))?;
    util::note(&format!(
        "Chromium: {}",
        util::version_of(&chromium.display().to_string()).unwrap_or_default()
    ));
    util::note(&format!(
        "ChromeDriver: {}",
        util::version_of(&chromedriver.display().to_string()).unwrap_or_default()
    ));
    Ok(TestTools {
        chromium,
        chromedriver,
    })
}

/// The Schemathesis version the API fuzzing suite runs (`apifuzz`), from PyPI.
pub const SCHEMATHESIS_VERSION: &str = "4.32.5";

/// Makes sure Schemathesis [`SCHEMATHESIS_VERSION`] is installed in a virtual environment
/// under the target folder (`<target>/tools/schemathesis-venv`), creating it with the
/// machine's Python 3 when missing and reinstalling when the version differs. Returns the
/// environment's folder (its `bin/python` and `bin/st` run the suite).
pub fn ensure_schemathesis() -> Result<PathBuf, Failure> {
    util::step("Checking the tools the API fuzzing needs");
    let venv = tools_root().join("schemathesis-venv");
    let st = venv.join("bin/st");
    let expected = format!("st, version {SCHEMATHESIS_VERSION}");
    if util::version_of(&st.display().to_string()).as_deref() == Some(expected.as_str()) {
        util::note(&format!(
            "Schemathesis {SCHEMATHESIS_VERSION}: present ({})",
            venv.display()
        ));
        return Ok(venv);
    }
    let python = ["python3", "python3.11", "python"]
        .iter()
        .find_map(|p| util::which(p))
        .ok_or_else(|| {
            Failure::new(
                "the API fuzzing needs Python 3 with pip and venv (on Debian: sudo apt-get \
                 install python3 python3-venv), then run this again",
            )
        })?;
    let python_bin = venv.join("bin/python");
    if !python_bin.is_file() {
        util::note(&format!(
            "Python environment: creating {} with {}",
            venv.display(),
            python.display()
        ));
        let mut create = Command::new(&python);
        create.arg("-m").arg("venv").arg("--clear").arg(&venv);
        if create.status().map(|s| s.success()).unwrap_or(false) {
            // Created.
        } else if util::is_root() && util::on_path("apt-get") {
            util::note("python3 -m venv failed: installing Debian's python3-venv");
            apt_install(&["python3-venv"])?;
            util::run_status(&mut create, "python3 -m venv")?;
        } else {
            return Err(Failure::new(
                "`python3 -m venv` failed; install the venv module (on Debian: sudo apt-get \
                 install python3-venv), then run this again",
            ));
        }
    }
    util::note(&format!(
        "Schemathesis {SCHEMATHESIS_VERSION}: installing from PyPI (pip, about a minute, once)"
    ));
    util::run_status(
        Command::new(&python_bin).args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            &format!("schemathesis=={SCHEMATHESIS_VERSION}"),
        ]),
        &format!("pip install schemathesis=={SCHEMATHESIS_VERSION}"),
    )?;
    match util::version_of(&st.display().to_string()) {
        Some(v) if v == expected => {
            util::note(&format!("Schemathesis: {v}"));
            Ok(venv)
        }
        other => Err(Failure::new(format!(
            "Schemathesis was installed but `st --version` says {other:?}"
        ))),
    }
}

/// The aiosmtpd version the production suite's SMTP server runs (PyPI).
pub const AIOSMTPD_VERSION: &str = "1.4.6";

/// Makes sure openssl and the production suite's Python environment (the API
/// fuzzing's, with aiosmtpd [`AIOSMTPD_VERSION`] added) are installed, and returns the
/// environment's folder.
pub fn ensure_smtp_server() -> Result<PathBuf, Failure> {
    // The suite makes its SMTP server's certificates with openssl.
    if !util::on_path("openssl") {
        if util::is_root() && util::on_path("apt-get") {
            util::note("openssl: missing, installing Debian's openssl");
            apt_install(&["openssl"])?;
        } else {
            return Err(Failure::new(
                "the production suite needs openssl (on Debian: sudo apt-get install openssl)",
            ));
        }
    }
    let venv = ensure_schemathesis()?;
    let python = venv.join("bin/python");
    let installed = Command::new(&python)
        .args(["-c", "import aiosmtpd; print(aiosmtpd.__version__)"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    if installed.as_deref() == Some(AIOSMTPD_VERSION) {
        util::note(&format!("aiosmtpd {AIOSMTPD_VERSION}: present"));
        return Ok(venv);
    }
    util::note(&format!(
        "aiosmtpd {AIOSMTPD_VERSION}: installing from PyPI (pip, seconds, once)"
    ));
    util::run_status(
        Command::new(&python).args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            &format!("aiosmtpd=={AIOSMTPD_VERSION}"),
        ]),
        &format!("pip install aiosmtpd=={AIOSMTPD_VERSION}"),
    )?;
    Ok(venv)
}

//! Small helpers: the repository root, running commands, printing steps.

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Why a command failed, in words for the person at the terminal.
#[derive(Debug)]
pub struct Failure(String);

impl Failure {
    /// A failure with this message.
    pub fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The repository root (the workspace, one level above `xtask/`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_owned()
}

/// Prints a step the person can follow.
pub fn step(message: &str) {
    println!("\n==> {message}");
}

/// Prints a detail of a step.
pub fn note(message: &str) {
    println!("    {message}");
}

/// The `cargo` that runs this xtask.
pub fn cargo_bin() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// Runs `cargo args…` in the root with inherited output; fails on a non-zero exit.
pub fn cargo(args: &[&str]) -> Result<(), Failure> {
    let mut command = Command::new(cargo_bin());
    command.args(args).current_dir(root());
    run_status(&mut command, &format!("cargo {}", args.join(" ")))
}

/// Runs `cargo args…` and returns its standard output.
pub fn cargo_output(args: &[&str]) -> Result<String, Failure> {
    let output = Command::new(cargo_bin())
        .args(args)
        .current_dir(root())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| Failure::new(format!("cannot run cargo: {e}")))?;
    if !output.status.success() {
        return Err(Failure::new(format!(
            "`cargo {}` failed: {}",
            args.join(" "),
            output.status
        )));
    }
    String::from_utf8(output.stdout).map_err(|e| Failure::new(format!("cargo output: {e}")))
}

/// Runs a prepared command with inherited output; fails on a non-zero exit.
pub fn run_status(command: &mut Command, what: &str) -> Result<(), Failure> {
    let status = command
        .status()
        .map_err(|e| Failure::new(format!("cannot run `{what}`: {e}")))?;
    if status.success() {
        Ok(())
    } else {
        Err(Failure::new(format!("`{what}` failed: {status}")))
    }
}

/// The first line of a program's `--version` output, if the program runs.
pub fn version_of(program: &str) -> Option<String> {
    let output = Command::new(program)
        .arg("--version")
        .stderr(Stdio::null())
        .output()
        .ok()?;
    output.status.success().then(|| {
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .next()
            .unwrap_or("")
            .trim()
            .to_owned()
    })
}

/// Whether a program is on PATH.
pub fn on_path(program: &str) -> bool {
    which(program).is_some()
}

/// The full path of a program on PATH.
pub fn which(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

/// PATH with `dirs` in front.
pub fn path_with(dirs: &[PathBuf]) -> std::ffi::OsString {
    let mut all: Vec<PathBuf> = dirs.to_vec();
    if let Some(path) = std::env::var_os("PATH") {
        all.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(all).expect("PATH entries are valid")
}

/// Whether this process runs as root (then system packages may be installed).
pub fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// The disk space `dir` takes and the space left on its file system, in words
/// ("target 2.1 GB, 40.3 GB free"). The suite summaries print it because a CI machine's
/// disk once filled up halfway through a run.
pub fn disk_usage(dir: &Path) -> String {
    let gb = |bytes: u64| bytes as f64 / 1e9;
    let free = Command::new("df")
        .arg("-Pk")
        .arg(dir)
        .stderr(Stdio::null())
        .output()
        .ok()
        .and_then(|output| {
            let text = String::from_utf8(output.stdout).ok()?;
            // POSIX format: the second line's fourth column is the free space in KiB.
            let kib: u64 = text
                .lines()
                .nth(1)?
                .split_whitespace()
                .nth(3)?
                .parse()
                .ok()?;
            Some(kib * 1024)
        });
    let name = dir.file_name().unwrap_or_default().to_string_lossy();
    match free {
        Some(free) => format!(
            "{name} {:.1} GB, {:.1} GB free",
            gb(folder_bytes(dir)),
            gb(free)
        ),
        None => format!("{name} {:.1} GB", gb(folder_bytes(dir))),
    }
}

/// The bytes the files under `dir` occupy on disk (symbolic links are not followed).
fn folder_bytes(dir: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    let mut total = 0;
    let mut folders = vec![dir.to_owned()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(meta) = entry.metadata() else {
                continue;
            };
            if meta.is_dir() {
                folders.push(entry.path());
            } else {
                // Allocated blocks, not the length: sparse and small files count as stored.
                total += meta.blocks() * 512;
            }
        }
    }
    total
}

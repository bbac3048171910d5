//! Building the app. `page.rs` builds the page (HTML, CSS, copied files) as Trunk would;
//! the WebAssembly goes through a pipeline Trunk cannot run, because the app is split
//! into chunks:
//!
//! 1. cargo builds the app (size profile) with relocations kept;
//! 2. the splitter (Leptos's `wasm_split_cli_support`) moves every lazily loaded page
//!    into its own chunk, with shared code in further chunks;
//! 3. wasm-bindgen makes the JS module for the main part (keeping the exports the
//!    chunks import), binaryen (`xtask/shrink-wasm.mjs`, as `wasm-opt -Oz`) shrinks every
//!    part, terser the JS;
//! 4. every file gets the build's content hash in its name (so it can be cached for a
//!    year), and `index.html` gets the loader with subresource integrity.
//!
//! Then brotli and gzip copies of every text and WASM asset, for the server to send by
//! `Accept-Encoding`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use base64::Engine;
use sha2::{Digest, Sha256, Sha384};

use crate::page;
use crate::setup::{self, BuildTools};
use crate::util::{self, Failure};

/// Extensions that get precompressed copies.
const COMPRESSIBLE: &[&str] = &[
    "wasm",
    "js",
    "css",
    "html",
    "svg",
    "webmanifest",
    "json",
    "txt",
];

/// The app's name: the binary, and the stem of its JS module and WASM.
const APP: &str = "kring";

/// Builds the app into `dist/` and returns how long the build took. When cargo's WASM
/// is the one the last build started from, its split, bound and shrunk modules are
/// reused: steps 2 and 3 take about a minute and give the same files for the same input.
pub fn spa(tools: &BuildTools) -> Result<Duration, Failure> {
    spa_with(tools, Reuse::IfUnchanged)
}

/// Builds the app like [`spa`], but always runs every step (the bench times this).
pub fn spa_every_step(tools: &BuildTools) -> Result<Duration, Failure> {
    spa_with(tools, Reuse::Never)
}

/// Whether the splitter's, wasm-bindgen's and wasm-opt's output may be reused.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reuse {
    IfUnchanged,
    Never,
}

fn spa_with(tools: &BuildTools, reuse: Reuse) -> Result<Duration, Failure> {
    let _building = crate::lock::build_lock()?;
    let root = util::root();
    util::step("Building the app (release, offline)");
    // The WASM build runs offline (the same crates every time): fetch them first.
    util::cargo(&["fetch", "--quiet"])?;
    let started = Instant::now();
    let dist = root.join("dist");
    page::build(&root, &dist, &root.join("node_modules/.bin/lightningcss"))?;
    let parts = build_wasm(tools, reuse)?;
    let names = install_parts(&dist, &parts, &root.join("node_modules/.bin/terser"))?;
    add_loader(&dist, &names)?;
    let took = started.elapsed();
    let compressed = precompress(&dist)?;
    util::note(&format!(
        "built dist/ in {:.1} s: the app's main part and {} chunks; JS minified with terser; \
         {compressed} files precompressed (brotli, gzip)",
        took.as_secs_f64(),
        names.chunks
    ));
    Ok(took)
}

/// The app's files after splitting, binding and shrinking, in a work folder.
struct Parts {
    dir: PathBuf,
}

/// Steps 1 to 3: cargo, the splitter, wasm-bindgen and wasm-opt.
fn build_wasm(tools: &BuildTools, reuse: Reuse) -> Result<Parts, Failure> {
    let root = util::root();
    // RUSTFLAGS replaces the target's flags from .cargo/config.toml, so they are repeated.
    // `kring_split` turns every `lazy_page!` into a split point (only this build has the
    // splitter that resolves them); `--emit-relocs` keeps what the splitter needs.
    let mut cargo = Command::new(util::cargo_bin());
    cargo
        .args([
            "build",
            "--quiet",
            "--offline",
            "-p",
            APP,
            "--bin",
            APP,
            "--target",
            "wasm32-unknown-unknown",
            "--profile",
            "wasm-release",
        ])
        .current_dir(&root)
        .env(
            "RUSTFLAGS",
            "--cfg erase_components --cfg kring_split -C link-arg=--emit-relocs",
        );
    util::run_status(&mut cargo, "cargo build (app, wasm-release)")?;
    let linked = setup::target_dir()
        .join("wasm32-unknown-unknown/wasm-release")
        .join(format!("{APP}.wasm"));
    let dir = setup::target_dir().join("wasm-split");
    let input = std::fs::read(&linked)
        .map_err(|e| Failure::new(format!("cannot read {}: {e}", linked.display())))?;
    // What the modules in `dir` were made from; written last, so an interrupted build
    // is never reused. (`files` skips names that start with a dot.)
    let stamp_path = dir.join(".built-from");
    let stamp = build_stamp(&input, tools)?;
    if reuse == Reuse::IfUnchanged
        && std::fs::read_to_string(&stamp_path).is_ok_and(|built| built == stamp)
    {
        util::note("the app's WASM is unchanged: reusing its split and optimised modules");
        return Ok(Parts { dir });
    }
    if dir.exists() {
        std::fs::remove_dir_all(&dir)
            .map_err(|e| Failure::new(format!("cannot clear {}: {e}", dir.display())))?;
    }
    std::fs::create_dir_all(&dir)
        .map_err(|e| Failure::new(format!("cannot create {}: {e}", dir.display())))?;

    let main_split = dir.join(format!("{APP}.split.wasm"));
    let main_module = format!("./{APP}.js");
    let mut options = wasm_split_cli_support::Options::new(&input);
    options.output_dir = &dir;
    options.main_out_path = &main_split;
    options.main_module = &main_module;
    options.target.web();
    let splitting = Instant::now();
    wasm_split_cli_support::transform(options)
        .map_err(|e| Failure::new(format!("splitting the app's WASM failed: {e:#}")))?;
    let split = splitting.elapsed();
    let binding = Instant::now();

    util::run_status(
        Command::new(&tools.wasm_bindgen)
            .args([
                "--target",
                "web",
                "--no-typescript",
                // The chunks import the table, memory and shared functions by these names.
                "--keep-lld-exports",
                "--out-name",
                APP,
                "--out-dir",
            ])
            .arg(&dir)
            .arg(&main_split),
        "wasm-bindgen",
    )?;
    std::fs::remove_file(&main_split)
        .map_err(|e| Failure::new(format!("cannot remove {}: {e}", main_split.display())))?;
    let modules: Vec<PathBuf> = files(&dir)?
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "wasm"))
        .collect();
    let bound = binding.elapsed();
    let shrinking = Instant::now();
    shrink_all(&modules)?;
    util::note(&format!(
        "split in {:.1} s, wasm-bindgen {:.1} s, binaryen -Oz on {} modules {:.1} s",
        split.as_secs_f64(),
        bound.as_secs_f64(),
        modules.len(),
        shrinking.elapsed().as_secs_f64()
    ));
    write(&stamp_path, stamp.as_bytes())?;
    Ok(Parts { dir })
}

/// What steps 2 and 3 make their output from: cargo's WASM, this program (which holds
/// the splitter and the steps' settings), the shrink script, wasm-bindgen's version and
/// binaryen's package.
fn build_stamp(input: &[u8], tools: &BuildTools) -> Result<String, Failure> {
    let hex = |bytes: &[u8]| -> String {
        Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    };
    let xtask = std::env::current_exe()
        .and_then(std::fs::read)
        .map_err(|e| Failure::new(format!("cannot read this program: {e}")))?;
    let root = util::root();
    let shrink = read(&root.join("xtask/shrink-wasm.mjs"))?;
    let binaryen = read(&root.join("node_modules/binaryen/package.json"))?;
    let bindgen = util::version_of(&tools.wasm_bindgen.display().to_string())
        .ok_or_else(|| Failure::new("wasm-bindgen --version did not answer"))?;
    Ok(format!(
        "wasm sha256 {}\nxtask sha256 {}\n{bindgen}\nshrink-wasm.mjs sha256 {}\nbinaryen package.json sha256 {}\n",
        hex(input),
        hex(&xtask),
        hex(&shrink),
        hex(&binaryen),
    ))
}

/// Shrinks every module in place with `xtask/shrink-wasm.mjs` (binaryen, as `wasm-opt
/// -Oz` does), one Node process per core, each given modules of about the same total
/// size. (One `wasm-opt` process per module took 9 to 35 minutes: see the script.)
fn shrink_all(modules: &[PathBuf]) -> Result<(), Failure> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut sized: Vec<(u64, &PathBuf)> = modules
        .iter()
        .map(|m| (std::fs::metadata(m).map_or(0, |meta| meta.len()), m))
        .collect();
    sized.sort_by_key(|(size, _)| std::cmp::Reverse(*size));
    // The largest module first to the least loaded process.
    let mut groups: Vec<(u64, Vec<&PathBuf>)> = vec![(0, Vec::new()); workers];
    for (size, module) in sized {
        let lightest = groups
            .iter_mut()
            .min_by_key(|(total, _)| *total)
            .expect("at least one worker");
        lightest.0 += size;
        lightest.1.push(module);
    }
    let script = util::root().join("xtask/shrink-wasm.mjs");
    let running = groups
        .into_iter()
        .filter(|(_, group)| !group.is_empty())
        .map(|(_, group)| {
            Command::new("node")
                .arg(&script)
                .args(group)
                .current_dir(util::root())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .map_err(|e| Failure::new(format!("cannot run node: {e}")))
        })
        .collect::<Result<Vec<_>, Failure>>()?;
    let mut failed = false;
    for child in running {
        let output = child
            .wait_with_output()
            .map_err(|e| Failure::new(format!("shrink-wasm.mjs: {e}")))?;
        // The splitter writes a name subsection binaryen 132 does not know; it says so
        // for every chunk, harmlessly (names are dropped anyway).
        for line in String::from_utf8_lossy(&output.stderr).lines() {
            if !line.contains("unknown name subsection") {
                eprintln!("{line}");
            }
        }
        failed |= !output.status.success();
    }
    if failed {
        Err(Failure::new("shrinking the app's WASM modules failed"))
    } else {
        Ok(())
    }
}

/// Where the app's files went in `dist/`.
struct Installed {
    /// The JS module to import.
    module: String,
    /// The main WASM.
    main_wasm: String,
    /// The splitter's loader module (imported by the JS module).
    loader: String,
    /// How many chunks.
    chunks: usize,
}

/// Step 4: names with the build's hash, references rewritten, JS minified.
fn install_parts(dist: &Path, parts: &Parts, terser: &Path) -> Result<Installed, Failure> {
    let sources = files(&parts.dir)?;
    let mut hasher = Sha256::new();
    for file in &sources {
        hasher.update(read(file)?);
    }
    let hash: String = hasher
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    let renamed: BTreeMap<String, String> = sources
        .iter()
        .map(|file| {
            let name = file_name(file);
            let (stem, ext) = name.rsplit_once('.').unwrap_or((name.as_str(), ""));
            (name.clone(), format!("{stem}-{hash}.{ext}"))
        })
        .collect();
    let mut chunks = 0;
    for file in &sources {
        let name = file_name(file);
        let target = dist.join(&renamed[&name]);
        if name.ends_with(".js") {
            let mut text = String::from_utf8(read(file)?)
                .map_err(|e| Failure::new(format!("{name} is not UTF-8: {e}")))?;
            text = rename_module_references(&text, &renamed);
            write(&target, text.as_bytes())?;
            util::run_status(
                Command::new(terser)
                    .arg(&target)
                    .args(["--module", "--compress", "--mangle", "--output"])
                    .arg(&target),
                &format!("terser {name}"),
            )?;
        } else {
            if name != format!("{APP}_bg.wasm") {
                chunks += 1;
            }
            std::fs::copy(file, &target)
                .map_err(|e| Failure::new(format!("cannot copy {name}: {e}")))?;
        }
    }
    let find = |name: &str| {
        renamed
            .get(name)
            .cloned()
            .ok_or_else(|| Failure::new(format!("the build made no {name}")))
    };
    Ok(Installed {
        module: find(&format!("{APP}.js"))?,
        main_wasm: find(&format!("{APP}_bg.wasm"))?,
        loader: find("__wasm_split.js")?,
        chunks,
    })
}

/// Points the JS's module imports and fetched URLs at the renamed files. Only the
/// places that load a file are rewritten: the keys of the WASM import object must keep
/// the names compiled into the WASM.
fn rename_module_references(text: &str, renamed: &BTreeMap<String, String>) -> String {
    let mut text = text.to_owned();
    for (old, new) in renamed {
        for (before, after) in [
            ("from \"./", "\""),
            ("URL(\"./", "\""),
            ("import(\"./", "\")"),
        ] {
            text = text.replace(
                &format!("{before}{old}{after}"),
                &format!("{before}{new}{after}"),
            );
        }
    }
    text
}

/// The `integrity` value of a file.
fn integrity(path: &Path) -> Result<String, Failure> {
    Ok(format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(read(path)?))
    ))
}

/// Adds the app's loader to `index.html`: preloads (with integrity) for the module, the
/// chunk loader and the main WASM, and the script that starts the app.
fn add_loader(dist: &Path, names: &Installed) -> Result<(), Failure> {
    let index_path = dist.join("index.html");
    let index = String::from_utf8(read(&index_path)?)
        .map_err(|e| Failure::new(format!("index.html is not UTF-8: {e}")))?;
    let Installed {
        module,
        main_wasm,
        loader,
        ..
    } = names;
    // No `integrity` on the WASM preload: Chromium ignores it there and says so in the
    // console. The WASM's name carries the build's hash, and the CSP allows only 'self'.
    let tags = format!(
        "<link rel=modulepreload href=/{module} integrity={} crossorigin>\
         <link rel=modulepreload href=/{loader} integrity={} crossorigin>\
         <link rel=preload href=/{main_wasm} as=fetch type=application/wasm crossorigin>\
         <script type=module>import init from '/{module}';init({{module_or_path:'/{main_wasm}'}});</script>",
        integrity(&dist.join(module))?,
        integrity(&dist.join(loader))?,
    );
    write(&index_path, replace_rust_link(&index, &tags)?.as_bytes())
}

/// Puts `tags` where the page has the Rust link's marker ([`page::LOADER_MARKER`]).
fn replace_rust_link(index: &str, tags: &str) -> Result<String, Failure> {
    if !index.contains(page::LOADER_MARKER) {
        return Err(Failure::new(
            "the built index.html has no place for the app's loader",
        ));
    }
    Ok(index.replacen(page::LOADER_MARKER, tags, 1))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_owned()
}

fn read(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| Failure::new(format!("cannot read {}: {e}", path.display())))
}

/// Writes `.br` and `.gz` beside every compressible file in `dir` (recursively).
pub fn precompress(dir: &Path) -> Result<usize, Failure> {
    let mut count = 0;
    for path in files(dir)? {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !COMPRESSIBLE.contains(&ext) {
            continue;
        }
        let bytes = std::fs::read(&path)
            .map_err(|e| Failure::new(format!("cannot read {}: {e}", path.display())))?;
        write(&with_suffix(&path, "br"), &brotli(&bytes))?;
        write(&with_suffix(&path, "gz"), &gzip(&bytes))?;
        count += 1;
    }
    Ok(count)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    std::fs::write(path, bytes)
        .map_err(|e| Failure::new(format!("cannot write {}: {e}", path.display())))
}

/// All files under `dir`, skipping compressed copies and names that start with a dot.
pub fn files(dir: &Path) -> Result<Vec<PathBuf>, Failure> {
    let mut out = Vec::new();
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Failure::new(format!("cannot read {}: {e}", dir.display())))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            out.extend(files(&path)?);
        } else if !name.ends_with(".br") && !name.ends_with(".gz") {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

/// Brotli at the highest quality (what the server sends).
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        writer.write_all(bytes).expect("writing to memory");
    }
    out
}

/// Gzip at level 9.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

/// The files the first page load fetches: `index.html` and the WASM, JS and CSS it
/// references.
pub fn initial_route_assets(dist: &Path) -> Result<Vec<PathBuf>, Failure> {
    let index = std::fs::read_to_string(dist.join("index.html")).map_err(|e| {
        Failure::new(format!(
            "no built app in {} ({e}); build it first",
            dist.display()
        ))
    })?;
    let mut assets = Vec::new();
    for file in files(dist)? {
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
        if matches!(ext, "wasm" | "js" | "css") && index.contains(name) {
            assets.push(file);
        }
    }
    Ok(assets)
}

#[cfg(test)]
mod tests {
    use super::{rename_module_references, replace_rust_link};
    use std::collections::BTreeMap;

    #[test]
    fn the_loader_takes_the_place_of_the_rust_link() {
        let html = "<head><link href=/a.css rel=stylesheet><link data-kring-loader><title>x</title></head>";
        assert_eq!(
            replace_rust_link(html, "<script>go()</script>").unwrap(),
            "<head><link href=/a.css rel=stylesheet><script>go()</script><title>x</title></head>"
        );
        assert!(replace_rust_link("<head></head>", "x").is_err());
    }

    #[test]
    fn renamed_files_are_loaded_but_import_object_keys_keep_their_names() {
        let renamed = BTreeMap::from([
            ("a.js".to_owned(), "a-1.js".to_owned()),
            ("c.wasm".to_owned(), "c-1.wasm".to_owned()),
        ]);
        let js = r#"import * as i from "./a.js"; const m = import("./a.js"); fetch(new URL("./c.wasm", u)); ({ "./a.js": i })"#;
        assert_eq!(
            rename_module_references(js, &renamed),
            r#"import * as i from "./a-1.js"; const m = import("./a-1.js"); fetch(new URL("./c-1.wasm", u)); ({ "./a.js": i })"#
        );
    }
}

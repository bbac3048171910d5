//! Building the app: Trunk in release mode, offline, then brotli and gzip copies of
//! every text and WASM asset for the server to send by `Accept-Encoding`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::setup::BuildTools;
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

/// Builds the app into `dist/` and returns how long the Trunk build took.
pub fn spa(tools: &BuildTools) -> Result<Duration, Failure> {
    let root = util::root();
    util::step("Building the app (release, offline)");
    // Trunk's --offline makes cargo offline too: fetch the crates first.
    util::cargo(&["fetch", "--quiet"])?;
    let started = Instant::now();
    util::run_status(
        Command::new(&tools.trunk)
            .args(["build", "--release", "--offline", "--skip-version-check"])
            .current_dir(&root)
            .env("PATH", &tools.path)
            .env("TRUNK_TOOLS_WASM_BINDGEN", &tools.wasm_bindgen_version)
            .env("NO_COLOR", "true"),
        "trunk build --release --offline",
    )?;
    let took = started.elapsed();
    let dist = root.join("dist");
    minify_js(&dist, &root.join("node_modules/.bin/terser"))?;
    let compressed = precompress(&dist)?;
    util::note(&format!(
        "built dist/ in {:.1} s; JS minified with terser (Trunk's \"Failed to minify JS\" \
         warning above is expected); {compressed} files precompressed (brotli, gzip)",
        took.as_secs_f64()
    ));
    Ok(took)
}

/// Minifies wasm-bindgen's JS module (Trunk cannot) and updates its subresource
/// integrity hash in `index.html`, which Trunk computed for the unminified file.
fn minify_js(dist: &Path, terser: &Path) -> Result<(), Failure> {
    use base64::Engine;
    use sha2::{Digest, Sha384};
    let index_path = dist.join("index.html");
    let mut index = std::fs::read_to_string(&index_path)
        .map_err(|e| Failure::new(format!("cannot read {}: {e}", index_path.display())))?;
    for js in files(dist)?
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "js"))
    {
        let name = js
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        util::run_status(
            Command::new(terser)
                .arg(&js)
                .args(["--module", "--compress", "--mangle", "--output"])
                .arg(&js),
            &format!("terser {name}"),
        )?;
        let bytes =
            std::fs::read(&js).map_err(|e| Failure::new(format!("cannot read {name}: {e}")))?;
        let integrity = format!(
            "sha384-{}",
            base64::engine::general_purpose::STANDARD.encode(Sha384::digest(&bytes))
        );
        index = replace_integrity(&index, &name, &integrity)
            .ok_or_else(|| Failure::new(format!("index.html has no integrity for {name}")))?;
    }
    write(&index_path, index.as_bytes())
}

/// Replaces the `integrity` value in the `<link>` tag that references `file_name`.
fn replace_integrity(html: &str, file_name: &str, integrity: &str) -> Option<String> {
    let needle = format!("/{file_name}");
    let (tag_start, tag_end) = html.match_indices(&needle).find_map(|(at, _)| {
        let start = html[..at].rfind('<')?;
        let end = at + html[at..].find('>')?;
        html[start..end]
            .starts_with("<link")
            .then_some((start, end))
    })?;
    let tag = &html[tag_start..tag_end];
    let key = tag.find("integrity=")? + "integrity=".len();
    let rest = &tag[key..];
    let quoted = rest.starts_with('"');
    let value_start = key + usize::from(quoted);
    let value_len = tag[value_start..]
        .find(|c: char| {
            if quoted {
                c == '"'
            } else {
                c.is_whitespace() || c == '>'
            }
        })
        .unwrap_or(tag.len() - value_start);
    let absolute = tag_start + value_start;
    let mut out = String::with_capacity(html.len());
    out.push_str(&html[..absolute]);
    out.push_str(integrity);
    out.push_str(&html[absolute + value_len..]);
    Some(out)
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

/// All files under `dir`, skipping compressed copies and Trunk's staging folder.
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
    use super::replace_integrity;

    #[test]
    fn replaces_quoted_and_unquoted_integrity_values() {
        let minified = "<link crossorigin href=/app-1.js integrity=sha384-OLD rel=modulepreload><link href=/app-1_bg.wasm integrity=sha384-WASM><script type=module>import init from '/app-1.js';</script>";
        assert_eq!(
            replace_integrity(minified, "app-1.js", "sha384-NEW").unwrap(),
            "<link crossorigin href=/app-1.js integrity=sha384-NEW rel=modulepreload><link href=/app-1_bg.wasm integrity=sha384-WASM><script type=module>import init from '/app-1.js';</script>"
        );
        let script_first = "<script type=module>import init from '/app-1.js';</script><link href=/app-1.js integrity=sha384-OLD>";
        assert_eq!(
            replace_integrity(script_first, "app-1.js", "sha384-NEW").unwrap(),
            "<script type=module>import init from '/app-1.js';</script><link href=/app-1.js integrity=sha384-NEW>"
        );
        let quoted =
            r#"<link rel="modulepreload" href="/app-1.js" integrity="sha384-OLD" crossorigin>"#;
        assert_eq!(
            replace_integrity(quoted, "app-1.js", "sha384-NEW").unwrap(),
            r#"<link rel="modulepreload" href="/app-1.js" integrity="sha384-NEW" crossorigin>"#
        );
        assert!(replace_integrity("<p>nothing</p>", "app-1.js", "x").is_none());
    }
}

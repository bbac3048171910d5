//! The release build's page: what `index.html`'s `<link data-trunk …>` lines ask for,
//! done here instead of by Trunk.
//!
//! - `rel="css"`: the file minified by lightningcss (npm; the minifier Trunk uses, so
//!   the bytes are the ones Trunk wrote), named with its content hash, linked with
//!   `integrity`;
//! - `rel="copy-dir"` and `rel="copy-file"`: copied into `dist/` under their own name;
//! - `rel="rust"`: left as a marker where `build.rs` puts the split app's loader.
//!
//! Trunk stays the development loop's builder (`trunk serve` reads the same links), but
//! the release build no longer needs it: installing Trunk took 7 to 10 minutes of every
//! first `cargo xtask run` and of every CI run, for this page alone.

use std::path::{Path, PathBuf};
use std::process::Command;

use base64::Engine;
use sha2::{Digest, Sha256, Sha384};

use crate::util::{self, Failure};

/// What stands where the app's loader goes, until `build.rs` puts it there.
pub const LOADER_MARKER: &str = "<link data-kring-loader>";

/// Writes a fresh `dist/` from `index.html` (at `root`): the stylesheet, the copied
/// files and the page, minified, with [`LOADER_MARKER`] in place of the Rust link.
pub fn build(root: &Path, dist: &Path, lightningcss: &Path) -> Result<(), Failure> {
    let index = std::fs::read_to_string(root.join("index.html"))
        .map_err(|e| Failure::new(format!("cannot read index.html: {e}")))?;
    if dist.exists() {
        std::fs::remove_dir_all(dist)
            .map_err(|e| Failure::new(format!("cannot clear {}: {e}", dist.display())))?;
    }
    create_dir(dist)?;
    let mut page = String::with_capacity(index.len());
    let mut rest = index.as_str();
    let mut rust_links = 0;
    while let Some(start) = rest.find("<link data-trunk") {
        page.push_str(&rest[..start]);
        let end = start
            + rest[start..]
                .find('>')
                .ok_or_else(|| Failure::new("index.html has an unclosed <link data-trunk"))?
            + 1;
        let tag = &rest[start..end];
        let rel = attribute(tag, "rel")
            .ok_or_else(|| Failure::new(format!("index.html: {tag} has no rel")))?;
        if rel == "rust" {
            rust_links += 1;
            page.push_str(LOADER_MARKER);
        } else {
            let href = attribute(tag, "href")
                .ok_or_else(|| Failure::new(format!("index.html: {tag} has no href")))?;
            let source = root.join(href);
            match rel {
                "css" => page.push_str(&stylesheet(&source, dist, lightningcss)?),
                "copy-dir" => copy_dir(&source, &dist.join(name_of(&source)?))?,
                "copy-file" => copy_file(&source, &dist.join(name_of(&source)?))?,
                other => {
                    return Err(Failure::new(format!(
                        "index.html: rel=\"{other}\" is not one the release build knows"
                    )))
                }
            }
        }
        rest = &rest[end..];
    }
    page.push_str(rest);
    if rust_links != 1 {
        return Err(Failure::new(format!(
            "index.html should have one <link data-trunk rel=\"rust\">, it has {rust_links}"
        )));
    }
    write(&dist.join("index.html"), minify_html(&page).as_bytes())
}

/// The value of `name="…"` in one tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let pattern = format!(" {name}=\"");
    let start = tag.find(&pattern)? + pattern.len();
    let end = start + tag[start..].find('"')?;
    Some(&tag[start..end])
}

/// Minifies the stylesheet into `dist/` as `STEM-HASH.css` and returns its link.
fn stylesheet(source: &Path, dist: &Path, lightningcss: &Path) -> Result<String, Failure> {
    let minified = dist.join(".minified.css");
    util::run_status(
        Command::new(lightningcss)
            .arg("--minify")
            .arg(source)
            .arg("-o")
            .arg(&minified),
        &format!("lightningcss --minify {}", source.display()),
    )?;
    let css = std::fs::read(&minified)
        .map_err(|e| Failure::new(format!("cannot read {}: {e}", minified.display())))?;
    let _ = std::fs::remove_file(&minified);
    let hash: String = Sha256::digest(&css)
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    let stem = source
        .file_stem()
        .and_then(|s| s.to_str())
        .ok_or_else(|| Failure::new(format!("{} has no name", source.display())))?;
    let name = format!("{stem}-{hash}.css");
    write(&dist.join(&name), &css)?;
    let integrity = base64::engine::general_purpose::STANDARD.encode(Sha384::digest(&css));
    Ok(format!(
        "<link rel=stylesheet href=/{name} integrity=sha384-{integrity}>"
    ))
}

/// The page without comments and without the line breaks and indentation between
/// tags. Whitespace within a line is kept: between inline elements it is a space the
/// reader sees.
fn minify_html(html: &str) -> String {
    let mut without_comments = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        without_comments.push_str(&rest[..start]);
        rest = match rest[start..].find("-->") {
            Some(end) => &rest[start + end + 3..],
            None => "",
        };
    }
    without_comments.push_str(rest);
    let mut out = String::with_capacity(without_comments.len());
    for line in without_comments.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        // A line that neither ends nor starts at a tag continues text: keep one space.
        if !out.is_empty() && !out.ends_with('>') && !line.starts_with('<') {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

fn name_of(path: &Path) -> Result<PathBuf, Failure> {
    path.file_name()
        .map(PathBuf::from)
        .ok_or_else(|| Failure::new(format!("{} has no name", path.display())))
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), Failure> {
    create_dir(to)?;
    let entries = std::fs::read_dir(from)
        .map_err(|e| Failure::new(format!("cannot read {}: {e}", from.display())))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &target)?;
        } else {
            copy_file(&path, &target)?;
        }
    }
    Ok(())
}

fn copy_file(from: &Path, to: &Path) -> Result<(), Failure> {
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| Failure::new(format!("cannot copy {}: {e}", from.display())))
}

fn create_dir(dir: &Path) -> Result<(), Failure> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Failure::new(format!("cannot create {}: {e}", dir.display())))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    std::fs::write(path, bytes)
        .map_err(|e| Failure::new(format!("cannot write {}: {e}", path.display())))
}

#[cfg(test)]
mod tests {
    use super::{attribute, minify_html};

    #[test]
    fn attributes_are_read_by_name() {
        let tag = r#"<link data-trunk rel="copy-file" href="public/robots.txt">"#;
        assert_eq!(attribute(tag, "rel"), Some("copy-file"));
        assert_eq!(attribute(tag, "href"), Some("public/robots.txt"));
        assert_eq!(attribute(tag, "data-bin"), None);
    }

    #[test]
    fn the_page_loses_comments_and_indentation_but_not_the_spaces_readers_see() {
        let html = "<head>\n    <!-- a note\n spanning lines -->\n    <title>Kring</title>\n</head>\n<p><strong>Niet</strong> voor\n    noodgevallen.</p>";
        assert_eq!(
            minify_html(html),
            "<head><title>Kring</title></head><p><strong>Niet</strong> voor noodgevallen.</p>"
        );
    }
}

//! The gallery through HTTP, with real image files: metadata stripped (checked with an
//! EXIF reader), orientation applied, accepted and refused types, a decompression bomb,
//! size limits, removal per portal, and a storage failure or a full disk (a real small
//! tmpfs) that leaves no row and no file.

use std::io::Cursor;

use axum::body::Body;
use axum::http::{Method, StatusCode};
use image::{ImageFormat, Rgb, RgbImage};
use serde_json::{json, Value};

use crate::app::AppOptions;
use crate::test_support::{test_app, TestApp, TestPortal, TestResponse};

const BOUNDARY: &str = "kringtestgrens";

/// A multipart body with a file part and optional text parts.
fn form(file: &[u8], filename: &str, content_type: &str, fields: &[(&str, &str)]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\n\
             Content-Type: {content_type}\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// An image whose left half is red and right half blue.
fn two_halves(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, _| {
        if x < width / 2 {
            Rgb([220, 20, 20])
        } else {
            Rgb([20, 20, 220])
        }
    })
}

/// The upload form of a small, valid PNG with no other fields.
fn small_png_form() -> Vec<u8> {
    form(
        &encoded(&two_halves(60, 40), ImageFormat::Png),
        "a.png",
        "image/png",
        &[],
    )
}

fn encoded(image: &RgbImage, format: ImageFormat) -> Vec<u8> {
    let mut bytes = Vec::new();
    image
        .write_to(&mut Cursor::new(&mut bytes), format)
        .unwrap();
    bytes
}

/// EXIF with a camera, its serial number, GPS position, the day taken and orientation.
fn exif_block(orientation: u16) -> Vec<u8> {
    use exif::{Field, In, Rational, Tag, Value};
    let fields = [
        Field {
            tag: Tag::Make,
            ifd_num: In::PRIMARY,
            value: Value::Ascii(vec![b"Kringcam".to_vec()]),
        },
        Field {
            tag: Tag::Model,
            ifd_num: In::PRIMARY,
            value: Value::Ascii(vec![b"Model X".to_vec()]),
        },
        Field {
            tag: Tag::BodySerialNumber,
            ifd_num: In::PRIMARY,
            value: Value::Ascii(vec![b"SERIAL-8675309".to_vec()]),
        },
        Field {
            tag: Tag::DateTimeOriginal,
            ifd_num: In::PRIMARY,
            value: Value::Ascii(vec![b"2024:06:01 14:03:00".to_vec()]),
        },
        Field {
            tag: Tag::Orientation,
            ifd_num: In::PRIMARY,
            value: Value::Short(vec![orientation]),
        },
        Field {
            tag: Tag::GPSLatitudeRef,
            ifd_num: In::PRIMARY,
            value: Value::Ascii(vec![b"N".to_vec()]),
        },
        Field {
            tag: Tag::GPSLatitude,
            ifd_num: In::PRIMARY,
            value: Value::Rational(vec![
                Rational { num: 52, denom: 1 },
                Rational { num: 22, denom: 1 },
                Rational { num: 1, denom: 1 },
            ]),
        },
    ];
    let mut writer = exif::experimental::Writer::new();
    for field in &fields {
        writer.push_field(field);
    }
    let mut tiff = Cursor::new(Vec::new());
    writer.write(&mut tiff, false).unwrap();
    tiff.into_inner()
}

/// A JPEG with an APP1 EXIF segment right after its start marker.
fn jpeg_with_exif(image: &RgbImage, orientation: u16) -> Vec<u8> {
    let plain = encoded(image, ImageFormat::Jpeg);
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(exif_block(orientation));
    let length = (app1.len() + 2) as u16;
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE1];
    jpeg.extend(length.to_be_bytes());
    jpeg.extend(app1);
    jpeg.extend_from_slice(&plain[2..]);
    jpeg
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for byte in bytes {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
    let mut typed = kind.to_vec();
    typed.extend_from_slice(data);
    chunk.extend_from_slice(&typed);
    chunk.extend(crc32(&typed).to_be_bytes());
    chunk
}

/// A tiny PNG whose header declares `width` × `height` pixels.
fn png_declaring(width: u32, height: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    png.extend(png_chunk(b"IHDR", &ihdr));
    png.extend(png_chunk(
        b"IDAT",
        &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    ));
    png.extend(png_chunk(b"IEND", &[]));
    png
}

struct Gallery {
    app: TestApp,
    portal: TestPortal,
    admin: String,
}

async fn gallery() -> Gallery {
    let app = test_app(AppOptions::default(), true).await;
    let portal = app.create_portal("g").await;
    let admin = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    app.accept_current_terms(&admin).await;
    Gallery { app, portal, admin }
}

impl Gallery {
    fn url(&self) -> String {
        format!("/api/v1/portals/{}/photos", self.portal.client_id)
    }

    async fn upload_as(&self, cookie: &str, body: Vec<u8>) -> TestResponse {
        self.app
            .send(
                self.app
                    .app_request(Method::POST, &self.url(), Some(cookie))
                    .header(
                        "content-type",
                        format!("multipart/form-data; boundary={BOUNDARY}"),
                    )
                    .header("content-length", body.len())
                    .body(Body::from(body))
                    .unwrap(),
            )
            .await
    }

    async fn upload(&self, body: Vec<u8>) -> TestResponse {
        self.upload_as(&self.admin, body).await
    }

    async fn uploaded(&self, body: Vec<u8>) -> Value {
        let response = self.upload(body).await;
        assert_eq!(
            response.status,
            StatusCode::CREATED,
            "{}",
            String::from_utf8_lossy(&response.body)
        );
        response.json()
    }

    /// The bytes of the largest size of a photo.
    async fn largest(&self, photo: &Value, cookie: &str) -> TestResponse {
        let path = photo["sizes"].as_array().unwrap().last().unwrap()["path"]
            .as_str()
            .unwrap()
            .to_owned();
        self.app
            .get_signed_in(&format!("/api/v1{path}"), cookie)
            .await
    }

    async fn photo_rows(&self) -> i64 {
        sqlx::query_scalar("SELECT COUNT(*) FROM photos")
            .fetch_one(&self.app.state.db)
            .await
            .unwrap()
    }
}

#[tokio::test]
async fn a_jpeg_with_gps_and_camera_exif_comes_out_with_no_metadata_at_all() {
    let g = gallery().await;
    let original = jpeg_with_exif(&two_halves(400, 300), 1);
    // The test file really carries the metadata.
    let exif = exif::Reader::new()
        .read_from_container(&mut Cursor::new(&original))
        .expect("the test JPEG has EXIF");
    assert!(exif
        .get_field(exif::Tag::GPSLatitude, exif::In::PRIMARY)
        .is_some());

    let photo = g
        .uploaded(form(&original, "vakantie.jpg", "image/jpeg", &[]))
        .await;
    // The camera's day is kept (no date given).
    assert_eq!(photo["taken_on"], "2024-06-01");
    assert_eq!(
        (photo["width"].as_u64(), photo["height"].as_u64()),
        (Some(400), Some(300))
    );
    for size in photo["sizes"].as_array().unwrap() {
        let response = g
            .app
            .get_signed_in(
                &format!("/api/v1{}", size["path"].as_str().unwrap()),
                &g.admin,
            )
            .await;
        assert_eq!(response.status, StatusCode::OK);
        let bytes = response.body.to_vec();
        assert!(
            exif::Reader::new()
                .read_from_container(&mut Cursor::new(&bytes))
                .is_err(),
            "no EXIF in the stored size {size}"
        );
        for trace in [&b"Exif"[..], b"SERIAL-8675309", b"Kringcam", b"GPS"] {
            assert!(
                !bytes.windows(trace.len()).any(|w| w == trace),
                "{} survived",
                String::from_utf8_lossy(trace)
            );
        }
        assert!(image::load_from_memory(&bytes).is_ok());
    }
    // Nor on disk: every stored file is re-encoded.
    let key: String = sqlx::query_scalar("SELECT object_key FROM photos")
        .fetch_one(&g.app.state.db)
        .await
        .unwrap();
    let folder = g.app._dir.path().join("photos").join(key);
    let files: Vec<_> = std::fs::read_dir(folder).unwrap().collect();
    assert_eq!(files.len(), 2, "320 and the original 400");
}

#[tokio::test]
async fn the_exif_orientation_is_applied_and_the_uploaders_date_wins() {
    let g = gallery().await;
    // Orientation 6: the camera was turned; the picture must be turned a quarter
    // clockwise. Left (red) becomes the top.
    let photo = g
        .uploaded(form(
            &jpeg_with_exif(&two_halves(80, 40), 6),
            "gedraaid.jpg",
            "image/jpeg",
            &[("taken_on", "2025-12-24"), ("caption", "Kerst")],
        ))
        .await;
    assert_eq!(
        (photo["width"].as_u64(), photo["height"].as_u64()),
        (Some(40), Some(80))
    );
    assert_eq!(photo["taken_on"], "2025-12-24");
    assert_eq!(photo["caption"], "Kerst");
    let stored = image::load_from_memory(&g.largest(&photo, &g.admin).await.body)
        .unwrap()
        .into_rgb8();
    assert_eq!(stored.dimensions(), (40, 80));
    let top = stored.get_pixel(20, 5).0;
    let bottom = stored.get_pixel(20, 75).0;
    assert!(top[0] > 150 && top[2] < 100, "top is red: {top:?}");
    assert!(
        bottom[2] > 150 && bottom[0] < 100,
        "bottom is blue: {bottom:?}"
    );
}

#[tokio::test]
async fn png_and_webp_are_accepted_and_served_as_private_inline_jpeg() {
    let g = gallery().await;
    let image = two_halves(120, 90);
    for (bytes, name) in [
        (encoded(&image, ImageFormat::Png), "tekening.png"),
        (encoded(&image, ImageFormat::WebP), "scherm.webp"),
    ] {
        // The declared type says nothing: the content decides.
        let photo = g
            .uploaded(form(&bytes, name, "application/octet-stream", &[]))
            .await;
        assert_eq!(photo["width"], 120);
        let response = g.largest(&photo, &g.admin).await;
        assert_eq!(response.status, StatusCode::OK);
        assert_eq!(response.header("content-type"), "image/jpeg");
        assert_eq!(response.header("cache-control"), "private, no-store");
        assert_eq!(response.header("content-disposition"), "inline");
        assert_eq!(response.header("x-content-type-options"), "nosniff");
        assert_eq!(&response.body[..2], &[0xFF, 0xD8]);
    }
    let page = g.app.get_signed_in(&g.url(), &g.admin).await.json();
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn html_svg_and_polyglot_files_named_jpg_are_refused() {
    let g = gallery().await;
    let mut polyglot = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
    polyglot.extend_from_slice(b"JFIF\0<html><script>alert(1)</script></html>");
    for (bytes, code, status) in [
        (
            b"<!doctype html><html><body><script>alert(1)</script></body></html>".to_vec(),
            "not-a-photo",
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (
            b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".to_vec(),
            "not-a-photo",
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (
            polyglot,
            "photo-unreadable",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ] {
        let response = g.upload(form(&bytes, "foto.jpg", "image/jpeg", &[])).await;
        response.assert_problem(status, code);
    }
    assert_eq!(g.photo_rows().await, 0);
    assert_eq!(
        std::fs::read_dir(g.app._dir.path().join("photos"))
            .unwrap()
            .count(),
        0,
        "no file was stored"
    );
}

#[tokio::test]
async fn a_decompression_bomb_is_refused_quickly_before_decoding() {
    let g = gallery().await;
    let bomb = png_declaring(60_000, 60_000);
    assert!(bomb.len() < 100, "a tiny file");
    let started = std::time::Instant::now();
    let response = g.upload(form(&bomb, "bom.png", "image/png", &[])).await;
    let problem =
        response.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "photo-too-many-pixels");
    assert!(problem["detail"].as_str().unwrap().contains("40 megapixel"));
    // 3.6 gigapixels would need over 10 GB; refusing takes no time and no memory.
    assert!(
        started.elapsed() < std::time::Duration::from_secs(1),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(g.photo_rows().await, 0);
}

#[tokio::test]
async fn oversize_uploads_get_413_with_the_limit() {
    let g = gallery().await;
    let big = vec![0xFFu8; kring_api::photos::PHOTO_MAX_BYTES + 1];
    let response = g.upload(form(&big, "groot.jpg", "image/jpeg", &[])).await;
    let problem = response.assert_problem(StatusCode::PAYLOAD_TOO_LARGE, "body-too-large");
    assert!(
        problem["detail"].as_str().unwrap().contains("15 MB"),
        "{problem}"
    );
    // A caption over its limit, and a form without a file.
    let image = encoded(&two_halves(20, 20), ImageFormat::Png);
    let caption = "x".repeat(301);
    g.upload(form(&image, "a.png", "image/png", &[("caption", &caption)]))
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "text-too-long");
    // Not a day, and an empty day (the document says a date; without one the part is
    // left out).
    for taken_on in ["gisteren", "", " 2025-12-24", "2025-02-30"] {
        g.upload(form(
            &image,
            "a.png",
            "image/png",
            &[("taken_on", taken_on)],
        ))
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid-body");
    }
    let no_file = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\nHoi\r\n--{BOUNDARY}--\r\n"
    );
    g.upload(no_file.into_bytes())
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid-body");
    assert_eq!(g.photo_rows().await, 0);
}

#[tokio::test]
async fn rights_decide_who_sees_uploads_and_removes() {
    let g = gallery().await;
    let contact = g
        .app
        .sign_in(&g.portal.contact_email, &g.portal.contact_mobile)
        .await;
    g.app.accept_current_terms(&contact).await;
    let image = || encoded(&two_halves(60, 40), ImageFormat::Png);
    let by_admin = g.uploaded(form(&image(), "a.png", "image/png", &[])).await;
    // The test contact may view photos, not add them.
    g.upload_as(&contact, form(&image(), "b.png", "image/png", &[]))
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    let seen = g.app.get_signed_in(&g.url(), &contact).await.json();
    assert_eq!(seen["items"][0]["can_remove"], false);
    assert_eq!(seen["items"][0]["mine"], false);
    // Now with the add right: their own photo they can remove, the other not.
    sqlx::query("UPDATE portal_access SET can_add_photos = TRUE WHERE account_id = $1")
        .bind(g.portal.contact_account)
        .execute(&g.app.state.db)
        .await
        .unwrap();
    let own = g
        .upload_as(&contact, form(&image(), "b.png", "image/png", &[]))
        .await;
    assert_eq!(own.status, StatusCode::CREATED);
    let own = own.json();
    assert_eq!(own["can_remove"], true);
    g.app
        .call(
            Method::DELETE,
            &format!("{}/{}", g.url(), by_admin["id"]),
            None,
            Some(&contact),
        )
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not-found");
    let removed = g
        .app
        .call(
            Method::DELETE,
            &format!("{}/{}", g.url(), own["id"]),
            None,
            Some(&contact),
        )
        .await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT);
    g.largest(&own, &g.admin)
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not-found");
    // Without the view right: no gallery and no image.
    sqlx::query("UPDATE portal_access SET can_view_photos = FALSE WHERE account_id = $1")
        .bind(g.portal.contact_account)
        .execute(&g.app.state.db)
        .await
        .unwrap();
    g.app
        .get_signed_in(&g.url(), &contact)
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    g.largest(&by_admin, &contact)
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not-found");
    // Not signed in: nothing.
    let anonymous = g
        .app
        .send(
            crate::test_support::request(
                Method::GET,
                &format!("/api/v1{}", by_admin["sizes"][0]["path"].as_str().unwrap()),
            )
            .body(Body::empty())
            .unwrap(),
        )
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    // Removal keeps the photo: nothing is destroyed.
    assert_eq!(g.photo_rows().await, 2);
}

#[tokio::test]
async fn a_photo_of_two_clients_removed_by_one_administrator_stays_for_the_other() {
    let g = gallery().await;
    let other = g.app.create_portal("h").await;
    let other_admin = g.app.sign_in(&other.admin_email, &other.admin_mobile).await;
    g.app.accept_current_terms(&other_admin).await;
    let photo = g
        .uploaded(form(
            &encoded(&two_halves(60, 40), ImageFormat::Png),
            "samen.png",
            "image/png",
            &[("caption", "Samen naar de markt")],
        ))
        .await;
    // A joint activity: the photo is linked to the other client too (staff do this).
    sqlx::query("INSERT INTO photo_clients (photo_id, client_id) VALUES ($1, $2)")
        .bind(photo["id"].as_i64())
        .bind(other.client_id)
        .execute(&g.app.state.db)
        .await
        .unwrap();
    let other_url = format!("/api/v1/portals/{}/photos", other.client_id);
    let removed = g
        .app
        .call(
            Method::DELETE,
            &format!("{}/{}", g.url(), photo["id"]),
            None,
            Some(&g.admin),
        )
        .await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT);
    assert!(
        g.app.get_signed_in(&g.url(), &g.admin).await.json()["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    g.largest(&photo, &g.admin)
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not-found");
    let theirs = g.app.get_signed_in(&other_url, &other_admin).await.json();
    assert_eq!(theirs["items"][0]["caption"], "Samen naar de markt");
    let image = g
        .app
        .get_signed_in(
            &format!(
                "/api/v1{}",
                theirs["items"][0]["sizes"][0]["path"].as_str().unwrap()
            ),
            &other_admin,
        )
        .await;
    assert_eq!(image.status, StatusCode::OK);

    // The organisation's removal takes it from every portal, and is logged for each.
    let (_, staff) = g.app.create_staff("organisation_admin", None, "ph").await;
    let removal = g
        .app
        .post_json(
            &format!("/api/v1/staff/photos/{}/removal", photo["id"]),
            json!({ "reason": "Op deze foto staat iemand die geen toestemming gaf." }),
            Some(&staff),
        )
        .await;
    assert_eq!(removal.status, StatusCode::NO_CONTENT);
    assert!(
        g.app.get_signed_in(&other_url, &other_admin).await.json()["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let logged: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM access_log WHERE section = 'photos' AND detail = 'removed_by_organisation'",
    )
    .fetch_one(&g.app.state.db)
    .await
    .unwrap();
    assert_eq!(logged, 1, "only the other client still showed it");
}

#[tokio::test]
async fn a_failed_storage_write_leaves_no_row_and_no_file() {
    let g = gallery().await;
    // The photo folder becomes a file: every write fails, as on a broken or full disk.
    let folder = g.app._dir.path().join("photos");
    std::fs::remove_dir_all(&folder).unwrap();
    std::fs::write(&folder, b"not a folder").unwrap();
    let response = g.upload(small_png_form()).await;
    let problem = response.assert_problem(StatusCode::SERVICE_UNAVAILABLE, "storage-unavailable");
    let detail = problem["detail"].as_str().unwrap();
    assert!(!detail.contains("photos"), "no internals: {detail}");
    assert_eq!(g.photo_rows().await, 0);
    let logged: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM access_log WHERE section = 'photos' AND action = 'create' AND outcome = 'allowed'",
    )
    .fetch_one(&g.app.state.db)
    .await
    .unwrap();
    assert_eq!(logged, 0);
}

/// A small tmpfs mounted over a folder for the length of a test, to fill a disk for
/// real. Mounting needs root (as in CI); elsewhere the test says it was skipped.
struct SmallDisk(std::path::PathBuf);

impl SmallDisk {
    fn mount(folder: &std::path::Path, bytes: u64) -> Option<Self> {
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={bytes}"), "tmpfs"])
            .arg(folder)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        mounted.then(|| Self(folder.to_owned()))
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

/// Every regular file under `folder`, at any depth.
fn files_under(folder: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![folder.to_owned()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found
}

#[tokio::test]
async fn a_disk_that_fills_up_during_an_upload_leaves_no_row_and_no_partial_file() {
    let g = gallery().await;
    let folder = g.app._dir.path().join("photos");
    // Room for the smallest sizes of a noisy photo, not for all four.
    let Some(_disk) = SmallDisk::mount(&folder, 192 * 1024) else {
        let root = std::process::Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
        assert!(
            !root,
            "running as root, so a tmpfs must mount for this test"
        );
        eprintln!("skipped: mounting a small tmpfs needs root");
        return;
    };
    // Noise does not compress, so the larger sizes need far more room than there is.
    let mut seed = 0x2545_f491_u32;
    let noisy = RgbImage::from_fn(1600, 1200, |_, _| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let [r, g, b, _] = seed.to_le_bytes();
        Rgb([r, g, b])
    });
    let response = g
        .upload(form(
            &encoded(&noisy, ImageFormat::Jpeg),
            "vol.jpg",
            "image/jpeg",
            &[],
        ))
        .await;
    let problem = response.assert_problem(StatusCode::SERVICE_UNAVAILABLE, "storage-unavailable");
    let detail = problem["detail"].as_str().unwrap();
    assert!(
        !detail.contains("photos") && !detail.to_lowercase().contains("space"),
        "no internals: {detail}"
    );
    assert_eq!(g.photo_rows().await, 0);
    assert_eq!(
        files_under(&folder),
        Vec::<std::path::PathBuf>::new(),
        "no whole or partial file stays behind"
    );
    // The disk has room again for a small photo: uploads work without a restart.
    let small = g.uploaded(small_png_form()).await;
    assert_eq!(g.largest(&small, &g.admin).await.status, StatusCode::OK);
    assert_eq!(g.photo_rows().await, 1);
}

#[tokio::test]
async fn the_sweep_removes_files_without_a_row_and_keeps_the_rest() {
    let g = gallery().await;
    let photo = g.uploaded(small_png_form()).await;
    g.app
        .state
        .photos
        .put("0000orphan/320.jpg", vec![1, 2, 3])
        .await
        .unwrap();
    let later = chrono::Utc::now() + chrono::Duration::hours(2);
    let removed = g
        .app
        .state
        .photos
        .sweep_orphans(&g.app.state.db, later)
        .await
        .unwrap();
    assert_eq!(removed, 1);
    assert!(!g
        .app
        ._dir
        .path()
        .join("photos/0000orphan")
        .join("320.jpg")
        .exists());
    assert_eq!(g.largest(&photo, &g.admin).await.status, StatusCode::OK);
    // Fresh files (an upload in progress) are left alone.
    g.app
        .state
        .photos
        .put("0000bezig/320.jpg", vec![1])
        .await
        .unwrap();
    let now = chrono::Utc::now() - chrono::Duration::hours(1);
    assert_eq!(
        g.app
            .state
            .photos
            .sweep_orphans(&g.app.state.db, now)
            .await
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn staff_link_a_photo_of_a_joint_activity_to_several_clients() {
    let g = gallery().await;
    let other = g.app.create_portal("j").await;
    let outside = g.app.create_portal("k").await;
    let team: i64 = sqlx::query_scalar(
        "INSERT INTO teams (organisation_id, name) VALUES ($1, 'Team') RETURNING id",
    )
    .bind(g.app.state.organisation_id)
    .fetch_one(&g.app.state.db)
    .await
    .unwrap();
    sqlx::query("UPDATE clients SET team_id = $1 WHERE id IN ($2, $3)")
        .bind(team)
        .bind(g.portal.client_id)
        .bind(other.client_id)
        .execute(&g.app.state.db)
        .await
        .unwrap();
    let (_, carer) = g
        .app
        .create_staff("care_professional", Some(team), "j")
        .await;
    let other_admin = g.app.sign_in(&other.admin_email, &other.admin_mobile).await;
    g.app.accept_current_terms(&other_admin).await;
    let staff_upload = |fields: Vec<(&'static str, String)>| {
        let image = encoded(&two_halves(80, 60), ImageFormat::Png);
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        form(&image, "uitje.png", "image/png", &fields)
    };
    let send = |body: Vec<u8>| {
        g.app.send(
            g.app
                .app_request(Method::POST, "/api/v1/staff/photos", Some(&carer))
                .header(
                    "content-type",
                    format!("multipart/form-data; boundary={BOUNDARY}"),
                )
                .body(Body::from(body))
                .unwrap(),
        )
    };
    // A client of another team: as if it did not exist; no client: refused.
    send(staff_upload(vec![
        ("client_id", g.portal.client_id.to_string()),
        ("client_id", outside.client_id.to_string()),
    ]))
    .await
    .assert_problem(StatusCode::NOT_FOUND, "not-found");
    send(staff_upload(vec![("caption", "Niemand".into())]))
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid-body");
    assert_eq!(g.photo_rows().await, 0);

    let posted = send(staff_upload(vec![
        ("caption", "Samen naar de dierentuin".into()),
        ("client_id", g.portal.client_id.to_string()),
        ("client_id", other.client_id.to_string()),
    ]))
    .await;
    assert_eq!(
        posted.status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&posted.body)
    );
    assert_eq!(posted.json()["posted_by"], "Medewerker j");
    for (url, cookie) in [
        (g.url(), &g.admin),
        (
            format!("/api/v1/portals/{}/photos", other.client_id),
            &other_admin,
        ),
    ] {
        let page = g.app.get_signed_in(&url, cookie).await.json();
        assert_eq!(page["items"][0]["caption"], "Samen naar de dierentuin");
    }
    let logged: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM access_log WHERE section = 'photos' AND action = 'create' AND actor_role = 'staff'",
    )
    .fetch_one(&g.app.state.db)
    .await
    .unwrap();
    assert_eq!(logged, 2, "one entry in each client's log");
}

#[tokio::test]
async fn a_photo_the_organisation_removed_shows_its_reason_to_the_uploader_only() {
    let g = gallery().await;
    let contact = g
        .app
        .sign_in(&g.portal.contact_email, &g.portal.contact_mobile)
        .await;
    g.app.accept_current_terms(&contact).await;
    let photo = g
        .uploaded(form(
            &encoded(&two_halves(60, 40), ImageFormat::Png),
            "feest.png",
            "image/png",
            &[("caption", "Feest")],
        ))
        .await;
    let (_, staff) = g.app.create_staff("organisation_admin", None, "rm").await;
    let reason = "Er staat iemand op die geen toestemming gaf.";
    let removal = g
        .app
        .post_json(
            &format!("/api/v1/staff/photos/{}/removal", photo["id"]),
            json!({ "reason": reason }),
            Some(&staff),
        )
        .await;
    assert_eq!(removal.status, StatusCode::NO_CONTENT);

    // The uploader sees that and why, without any image; they cannot remove it again.
    let theirs = g.app.get_signed_in(&g.url(), &g.admin).await.json();
    let item = &theirs["items"][0];
    assert_eq!(item["id"], photo["id"]);
    assert_eq!(item["removed"]["reason"], reason);
    assert!(!item["removed"]["by"].as_str().unwrap().is_empty());
    assert_eq!(item["sizes"], json!([]));
    assert_eq!(item["can_remove"], false);
    g.largest(&photo, &g.admin)
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not-found");
    // Someone else in the portal no longer sees it at all.
    let others = g.app.get_signed_in(&g.url(), &contact).await.json();
    assert_eq!(others["items"], json!([]));
}

/// The hostile upload of issue 17: an all-black 7300 × 5460 PNG (just under the pixel
/// limit) of about 113 KiB. Written row by row, so making it never holds its pixels.
fn black_png_just_under_the_pixel_limit() -> Vec<u8> {
    use std::io::Write;
    let (width, height) = (7300u32, 5460u32);
    assert!(u64::from(width) * u64::from(height) <= kring_api::photos::PHOTO_MAX_PIXELS);
    /// The stream writer wants a writer it owns.
    #[derive(Clone, Default)]
    struct Shared(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);
    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let bytes = Shared::default();
    let mut encoder = png::Encoder::new(bytes.clone(), width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::High);
    let mut writer = encoder
        .write_header()
        .unwrap()
        .into_stream_writer()
        .unwrap();
    let row = vec![0u8; width as usize * 3];
    for _ in 0..height {
        writer.write_all(&row).unwrap();
    }
    writer.finish().unwrap();
    let bytes = bytes.0.lock().unwrap().clone();
    bytes
}

/// The process's peak resident memory so far (`VmHWM`), in KiB.
fn peak_resident_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/self/status")
}

/// Four of those at once must not take more memory than the photo budget (plus a little
/// for the requests themselves). It measures this process's peak, so other tests running
/// beside it would disturb it: it is ignored by default, and `cargo xtask test` runs it
/// alone (`--ignored --exact`, see `xtask/src/test.rs`).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "measures the process's peak memory; run alone (cargo xtask test --suite native does)"]
async fn four_hostile_uploads_at_once_stay_within_the_photo_memory_budget() {
    let g = gallery().await;
    let png = black_png_just_under_the_pixel_limit();
    assert!(
        (100 * 1024..130 * 1024).contains(&png.len()),
        "the file is {} bytes",
        png.len()
    );
    let body = || form(&png, "zwart.png", "image/png", &[]);
    let before = peak_resident_kib();
    let (a, b, c, d) = tokio::join!(
        g.upload(body()),
        g.upload(body()),
        g.upload(body()),
        g.upload(body())
    );
    let grew_mib = (peak_resident_kib() - before) / 1024;
    println!(
        "four concurrent uploads raised the peak by {grew_mib} MiB (from {} MiB)",
        before / 1024
    );
    // Each is stored, or (on a slow machine) waited too long for its turn and was told
    // to try again: never anything else.
    let mut stored = 0;
    for response in [a, b, c, d] {
        if response.status == StatusCode::CREATED {
            stored += 1;
        } else {
            response.assert_problem(StatusCode::SERVICE_UNAVAILABLE, "timeout");
            assert_eq!(response.headers["retry-after"], "30");
        }
    }
    assert!(stored >= 1, "none was stored");
    let allowed = 192u32 + 32;
    assert!(
        grew_mib < u64::from(allowed),
        "the peak grew by {grew_mib} MiB; the photo budget is {} MiB",
        192u32
    );
}

/// The budget's answers through HTTP: a photo that needs more than the whole budget is
/// refused as too large; one that waited too long for its turn gets 503 with
/// `Retry-After`; nothing is stored either way.
#[tokio::test]
async fn uploads_the_memory_budget_cannot_take_are_refused_clearly_and_store_nothing() {
    use crate::memory_budget::MemoryBudget;
    let g = gallery().await;
    let with_budget = |budget: MemoryBudget| {
        let mut state = g.app.state.clone();
        state.photo_memory = budget;
        crate::app::build(state, AppOptions::default())
    };
    let upload = |router: axum::Router| {
        let body = small_png_form();
        let request = g
            .app
            .app_request(Method::POST, &g.url(), Some(&g.admin))
            .header(
                "content-type",
                format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .header("content-length", body.len())
            .body(Body::from(body))
            .unwrap();
        async move { crate::test_support::send(&router, request).await }
    };

    // Even a small photo needs a few MiB (the margin): more than a 1 MiB budget.
    let tiny = with_budget(MemoryBudget::new(1, std::time::Duration::from_secs(5)));
    upload(tiny)
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "photo-too-many-pixels");

    let budget = MemoryBudget::new(64, std::time::Duration::from_millis(50));
    let held = budget.reserve(64 * 1024 * 1024).await.unwrap();
    let busy = upload(with_budget(budget.clone())).await;
    busy.assert_problem(StatusCode::SERVICE_UNAVAILABLE, "timeout");
    assert_eq!(busy.headers["retry-after"], "30");
    assert_eq!(g.photo_rows().await, 0);
    assert!(files_under(&g.app._dir.path().join("photos")).is_empty());

    // Once the memory is free, the same upload goes through, and gives it back.
    drop(held);
    let stored = upload(with_budget(budget.clone())).await;
    assert_eq!(stored.status, StatusCode::CREATED);
    assert_eq!(budget.available_mib(), 64);
}

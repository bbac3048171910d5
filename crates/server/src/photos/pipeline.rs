//! From an uploaded file to the stored sizes: the content decides the type (never the
//! name or the declared type), decoding runs within explicit limits, the EXIF
//! orientation is applied, and new images are encoded from the pixels alone, so no
//! metadata (EXIF, GPS, camera serial, comments) survives. The day taken is read from
//! the EXIF data before it is left behind.

use std::io::Cursor;

use chrono::NaiveDate;
use image::codecs::jpeg::JpegEncoder;
use image::metadata::Orientation;
use image::{DynamicImage, GenericImageView, ImageDecoder, ImageFormat, ImageReader, Limits};
use kring_api::photos::{PHOTO_MAX_PIXELS, PHOTO_WIDTHS};

/// JPEG quality of the stored sizes: small files, no visible blocks on a phone.
const JPEG_QUALITY: u8 = 80;
/// The most memory one decode may allocate.
const DECODE_MAX_ALLOC: u64 = 256 * 1024 * 1024;

/// Why a file is not accepted as a photo.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PhotoError {
    /// Not JPEG, PNG or WebP by its content.
    #[error("not a JPEG, PNG or WebP image")]
    NotAPhoto,
    /// More pixels than allowed, as the file's header declares.
    #[error("{width} x {height} pixels is more than allowed")]
    TooManyPixels {
        /// Declared width.
        width: u32,
        /// Declared height.
        height: u32,
    },
    /// The file is damaged or cannot be decoded.
    #[error("cannot read the image: {0}")]
    Unreadable(String),
}

/// One stored size.
#[derive(Debug)]
pub struct EncodedSize {
    /// Pixels wide.
    pub width: u32,
    /// Pixels high.
    pub height: u32,
    /// The JPEG bytes.
    pub jpeg: Vec<u8>,
}

/// The result of processing an upload.
#[derive(Debug)]
pub struct Processed {
    /// Width after orientation.
    pub width: u32,
    /// Height after orientation.
    pub height: u32,
    /// The day taken according to the camera, if it said.
    pub taken_on: Option<NaiveDate>,
    /// The sizes, smallest first.
    pub sizes: Vec<EncodedSize>,
}

/// The image type by its first bytes; only the three accepted types.
pub fn sniff(bytes: &[u8]) -> Result<ImageFormat, PhotoError> {
    match image::guess_format(bytes) {
        Ok(format @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)) => Ok(format),
        _ => Err(PhotoError::NotAPhoto),
    }
}

fn unreadable(error: impl std::fmt::Display) -> PhotoError {
    PhotoError::Unreadable(error.to_string())
}

/// What processing an upload will take, read from its header before any pixel is
/// decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Inspection {
    /// Pixels wide, as the header says.
    pub width: u32,
    /// Pixels high, as the header says.
    pub height: u32,
    /// The most memory [`process`] holds at once for it, estimated on the safe side
    /// (the upload's own bytes included).
    pub working_bytes: u64,
}

/// Reads the header: the type by content, the dimensions within the pixel limit, and
/// the memory processing will take. Cheap: no pixel is decoded.
pub fn inspect(bytes: &[u8]) -> Result<Inspection, PhotoError> {
    let (format, decoder) = open(bytes)?;
    let (width, height) = decoder.dimensions();
    Ok(Inspection {
        width,
        height,
        working_bytes: working_bytes(format, &decoder, bytes),
    })
}

/// A decoder for the upload within explicit limits, its dimensions checked.
fn open(bytes: &[u8]) -> Result<(ImageFormat, impl ImageDecoder + '_), PhotoError> {
    let format = sniff(bytes)?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_alloc = Some(DECODE_MAX_ALLOC);
    reader.limits(limits);
    let decoder = reader.into_decoder().map_err(unreadable)?;
    // The header's dimensions are checked before any pixel is decoded, so a small file
    // that declares a huge image (a decompression bomb) costs nothing.
    let (width, height) = decoder.dimensions();
    if width == 0 || height == 0 {
        return Err(PhotoError::Unreadable("the image has no pixels".into()));
    }
    if u64::from(width) * u64::from(height) > PHOTO_MAX_PIXELS {
        return Err(PhotoError::TooManyPixels { width, height });
    }
    Ok((format, decoder))
}

/// Room for what the estimate leaves out: row buffers, Huffman tables, the allocator.
const WORKING_MARGIN: u64 = 4 * 1024 * 1024;

/// The most memory [`process`] holds at once, from the header. Its steps hold, at most:
/// 1. while decoding: the upload, the decoded pixels, and what the decoder keeps
///    besides (a JPEG decoder its own copy of the file, and all coefficients of a
///    progressive JPEG; a WebP decoder its planes);
/// 2. while shrinking: the upload, the decoded pixels and the largest stored size in the
///    decoded type;
/// 3. afterwards only stored sizes: the largest in the decoded type and its turned or
///    RGB copy, the next size, and the JPEG bytes.
fn working_bytes(format: ImageFormat, decoder: &impl ImageDecoder, bytes: &[u8]) -> u64 {
    let (width, height) = decoder.dimensions();
    let pixels = u64::from(width) * u64::from(height);
    let per_pixel = u64::from(decoder.color_type().bytes_per_pixel());
    let file = bytes.len() as u64;
    let decoded = pixels * per_pixel;
    let beside_decoder = match format {
        ImageFormat::Jpeg => file + jpeg_coefficients(bytes, pixels),
        // Y, U and V planes (lossy), or a whole RGBA frame (lossless, alpha).
        ImageFormat::WebP => pixels * 4,
        // A PNG is decoded a row at a time into the output.
        _ => 0,
    };
    let (large_w, large_h) = stored_size(width, height, PHOTO_WIDTHS[PHOTO_WIDTHS.len() - 1]);
    let large = u64::from(large_w) * u64::from(large_h);
    let decoding = file + decoded + beside_decoder;
    let shrinking = file + decoded + large * per_pixel;
    // Turning and making RGB each hold the old and the new copy for a moment; the next
    // size and the JPEG bytes are smaller than one RGB copy together.
    let storing = file + large * (2 * per_pixel.max(3) + 3);
    decoding.max(shrinking).max(storing) + WORKING_MARGIN
}

/// What a JPEG decoder keeps besides its output: all coefficients (two bytes per
/// sample of every component) when the image does not come in one interleaved scan
/// (progressive, or one scan per component); otherwise a few rows, in the margin. When
/// the markers cannot be read, the worst case: four full components.
fn jpeg_coefficients(bytes: &[u8], pixels: u64) -> u64 {
    match jpeg_layout(bytes) {
        Some(JpegLayout {
            progressive: false,
            components,
            first_scan_components,
        }) if components == first_scan_components => 0,
        Some(layout) => pixels * 2 * u64::from(layout.components),
        None => pixels * 2 * 4,
    }
}

/// What the markers before the first scan say.
struct JpegLayout {
    progressive: bool,
    components: u8,
    first_scan_components: u8,
}

/// Walks a JPEG's markers up to its first scan (start of scan).
fn jpeg_layout(bytes: &[u8]) -> Option<JpegLayout> {
    let mut at = 2; // after SOI
    let mut frame: Option<(bool, u8)> = None;
    loop {
        // Fill bytes (0xFF) may come before a marker.
        while *bytes.get(at)? == 0xFF && *bytes.get(at + 1)? == 0xFF {
            at += 1;
        }
        if *bytes.get(at)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(at + 1)?;
        let length = usize::from(u16::from_be_bytes([
            *bytes.get(at + 2)?,
            *bytes.get(at + 3)?,
        ]));
        let segment = bytes.get(at + 4..at + 2 + length)?;
        match marker {
            // Start of frame: baseline and extended sequential, or progressive (and
            // their arithmetic-coded kin, which the decoder refuses anyway).
            0xC0 | 0xC1 | 0xC9 => frame = Some((false, *segment.get(5)?)),
            0xC2 | 0xCA => frame = Some((true, *segment.get(5)?)),
            0xDA => {
                let (progressive, components) = frame?;
                return Some(JpegLayout {
                    progressive,
                    components,
                    first_scan_components: *segment.first()?,
                });
            }
            _ => {}
        }
        at += 2 + length;
    }
}

/// The stored size whose longest side is at most `longest` (never enlarged).
fn stored_size(width: u32, height: u32, longest: u32) -> (u32, u32) {
    let current = width.max(height);
    if current <= longest {
        return (width, height);
    }
    let scale = f64::from(longest) / f64::from(current);
    (
        ((f64::from(width) * scale).round() as u32).max(1),
        ((f64::from(height) * scale).round() as u32).max(1),
    )
}

/// Decodes, orients, and re-encodes an upload. CPU-bound: call it off the async runtime,
/// after reserving [`Inspection::working_bytes`].
///
/// The decoded image is shrunk to the largest stored size first, and only that small
/// copy is turned and laid on white: the full-size pixels are dropped as early as
/// possible, and never copied.
pub fn process(bytes: &[u8]) -> Result<Processed, PhotoError> {
    let (_, mut decoder) = open(bytes)?;
    let taken_on = decoder
        .exif_metadata()
        .ok()
        .flatten()
        .and_then(|exif| date_taken(&exif));
    let orientation = decoder.orientation().map_err(unreadable)?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(unreadable)?;
    // Transparent parts on white, in place, before shrinking: averaging then sees the
    // colours a viewer shows, not those hidden under full transparency.
    lay_on_white(&mut image);
    let (decoded_w, decoded_h) = image.dimensions();
    let largest = PHOTO_WIDTHS[PHOTO_WIDTHS.len() - 1];
    let (large_w, large_h) = stored_size(decoded_w, decoded_h, largest);
    let mut image = if (large_w, large_h) == (decoded_w, decoded_h) {
        image
    } else {
        // An area average straight into the small size: no full-size intermediate.
        let small = image.thumbnail_exact(large_w, large_h);
        drop(image);
        small
    };
    image.apply_orientation(orientation);
    let turned = matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    );
    // The photo's own size, as it is seen (turned).
    let (width, height) = if turned {
        (decoded_h, decoded_w)
    } else {
        (decoded_w, decoded_h)
    };
    let large = DynamicImage::ImageRgb8(image.into_rgb8());
    let mut sizes = Vec::new();
    for target in PHOTO_WIDTHS {
        let (w, h) = stored_size(width, height, target);
        let last = (w, h) == (width, height);
        let mut jpeg = Vec::new();
        let encoder = JpegEncoder::new_with_quality(&mut jpeg, JPEG_QUALITY);
        if (w, h) == (large.width(), large.height()) {
            large.write_with_encoder(encoder).map_err(unreadable)?;
        } else {
            large
                .thumbnail_exact(w, h)
                .write_with_encoder(encoder)
                .map_err(unreadable)?;
        }
        sizes.push(EncodedSize {
            width: w,
            height: h,
            jpeg,
        });
        if last {
            break;
        }
    }
    Ok(Processed {
        width,
        height,
        taken_on,
        sizes,
    })
}

/// Lays transparent pixels on white, as a viewer shows them, in the decoded buffer
/// itself (no copy of the full-size image); the alpha channel is then fully opaque.
fn lay_on_white(image: &mut DynamicImage) {
    fn blend<S: Copy>(
        samples: &mut [S],
        channels: usize,
        over_white: impl Fn(S, S) -> S,
        opaque: S,
    ) {
        for pixel in samples.chunks_exact_mut(channels) {
            let (colour, alpha) = pixel.split_at_mut(channels - 1);
            let a = alpha[0];
            for c in colour {
                *c = over_white(*c, a);
            }
            alpha[0] = opaque;
        }
    }
    let blend_u8 =
        |c: u8, a: u8| ((u32::from(c) * u32::from(a) + 255 * (255 - u32::from(a))) / 255) as u8;
    let blend_u16 = |c: u16, a: u16| {
        ((u64::from(c) * u64::from(a) + 65535 * (65535 - u64::from(a))) / 65535) as u16
    };
    let blend_f32 = |c: f32, a: f32| {
        let a = a.clamp(0.0, 1.0);
        c * a + (1.0 - a)
    };
    match image {
        DynamicImage::ImageLumaA8(buffer) => blend(buffer, 2, blend_u8, u8::MAX),
        DynamicImage::ImageRgba8(buffer) => blend(buffer, 4, blend_u8, u8::MAX),
        DynamicImage::ImageLumaA16(buffer) => blend(buffer, 2, blend_u16, u16::MAX),
        DynamicImage::ImageRgba16(buffer) => blend(buffer, 4, blend_u16, u16::MAX),
        DynamicImage::ImageRgba32F(buffer) => blend(buffer, 4, blend_f32, 1.0),
        // No alpha (or a type the accepted decoders never make): nothing to lay.
        _ => {}
    }
}

/// The day taken from EXIF `DateTimeOriginal` (or `DateTime`), e.g. `2024:06:01 14:03:00`.
fn date_taken(exif: &[u8]) -> Option<NaiveDate> {
    let reader = exif::Reader::new();
    let data = reader.read_raw(exif.to_vec()).ok()?;
    [exif::Tag::DateTimeOriginal, exif::Tag::DateTime]
        .into_iter()
        .find_map(|tag| {
            let field = data.get_field(tag, exif::In::PRIMARY)?;
            match &field.value {
                exif::Value::Ascii(parts) => parts.first().and_then(|text| {
                    let text = std::str::from_utf8(text).ok()?;
                    NaiveDate::parse_from_str(text.get(..10)?, "%Y:%m:%d").ok()
                }),
                _ => None,
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::RgbImage;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = RgbImage::from_fn(width, height, |x, y| image::Rgb([x as u8, y as u8, 90]));
        let mut bytes = Vec::new();
        image
            .write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png)
            .unwrap();
        bytes
    }

    #[test]
    fn sizes_are_made_up_to_the_image_itself_never_enlarged() {
        let processed = process(&png(700, 350)).unwrap();
        let sizes: Vec<(u32, u32)> = processed
            .sizes
            .iter()
            .map(|s| (s.width, s.height))
            .collect();
        assert_eq!(sizes, [(320, 160), (640, 320), (700, 350)]);
        for size in &processed.sizes {
            assert_eq!(&size.jpeg[..2], &[0xFF, 0xD8], "JPEG");
            let decoded = image::load_from_memory(&size.jpeg).unwrap();
            assert_eq!(
                (decoded.width(), decoded.height()),
                (size.width, size.height)
            );
        }
    }

    #[test]
    fn transparency_is_laid_on_white_before_shrinking() {
        // Left half: fully transparent *black* (hidden colour); right half: opaque red.
        // (An odd width: some stored pixels mix both halves.)
        let image = image::RgbaImage::from_fn(4001, 10, |x, _| {
            if x < 2000 {
                image::Rgba([0, 0, 0, 0])
            } else {
                image::Rgba([200, 0, 0, 255])
            }
        });
        let mut bytes = Vec::new();
        image
            .write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png)
            .unwrap();
        let processed = process(&bytes).unwrap();
        let large = image::load_from_memory(&processed.sizes.last().unwrap().jpeg)
            .unwrap()
            .into_rgb8();
        assert_eq!((large.width(), large.height()), (2048, 5));
        let left = large.get_pixel(100, 2).0;
        assert!(left.iter().all(|c| *c > 245), "white, not black: {left:?}");
        // Where the halves meet, white and red mix: never the hidden black (averaged
        // before laying on white, the seam's red would fall to about 177).
        for x in 0..large.width() {
            let pixel = large.get_pixel(x, 2).0;
            assert!(pixel[0] >= 192, "a dark seam at {x}: {pixel:?}");
        }
    }

    #[test]
    fn the_estimate_covers_the_decoded_pixels_and_what_the_decoder_keeps() {
        let rgb = png(3000, 2000);
        let estimate = inspect(&rgb).unwrap();
        assert_eq!((estimate.width, estimate.height), (3000, 2000));
        let decoded = 3000 * 2000 * 3;
        assert!(estimate.working_bytes >= decoded + WORKING_MARGIN);
        assert!(estimate.working_bytes < decoded * 2, "{estimate:?}");

        // A progressive JPEG keeps all its coefficients besides its output.
        let image = RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8, y as u8, 90]));
        let mut baseline = Vec::new();
        image
            .write_to(&mut Cursor::new(&mut baseline), ImageFormat::Jpeg)
            .unwrap();
        let layout = jpeg_layout(&baseline).unwrap();
        assert!(!layout.progressive);
        assert_eq!((layout.components, layout.first_scan_components), (3, 3));
        assert_eq!(jpeg_coefficients(&baseline, 1_000), 0);
        // The same frame declared progressive (SOF2): the coefficients count.
        let mut progressive = baseline.clone();
        let sof = progressive
            .windows(2)
            .position(|w| w == [0xFF, 0xC0])
            .unwrap();
        progressive[sof + 1] = 0xC2;
        assert_eq!(jpeg_coefficients(&progressive, 1_000), 6_000);
        // Unreadable markers: the worst case.
        assert_eq!(jpeg_coefficients(&[0xFF, 0xD8, 0x00], 1_000), 8_000);
    }

    #[test]
    fn only_jpeg_png_and_webp_by_content() {
        assert_eq!(
            sniff(b"<html><body>hi</body></html>"),
            Err(PhotoError::NotAPhoto)
        );
        assert_eq!(
            sniff(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
            Err(PhotoError::NotAPhoto)
        );
        assert_eq!(sniff(b"GIF89a......"), Err(PhotoError::NotAPhoto));
        assert_eq!(sniff(&png(2, 2)), Ok(ImageFormat::Png));
    }

    /// A small deterministic generator (xorshift64*), so a failing case can be replayed
    /// from its seed without a dependency.
    struct Bytes(u64);

    impl Bytes {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    /// One damaged copy of `valid`: flipped bytes, a cut, a repeated stretch, or large
    /// numbers written where headers keep their sizes.
    fn damaged(valid: &[u8], random: &mut Bytes) -> Vec<u8> {
        let mut bytes = valid.to_vec();
        for _ in 0..=random.below(3) {
            match random.below(4) {
                0 => {
                    for _ in 0..=random.below(8) {
                        let at = random.below(bytes.len());
                        bytes[at] ^= 1 << random.below(8);
                    }
                }
                1 => bytes.truncate(random.below(bytes.len()).max(12)),
                2 => {
                    let from = random.below(bytes.len());
                    let to = (from + random.below(64)).min(bytes.len());
                    let stretch = bytes[from..to].to_vec();
                    let at = random.below(bytes.len());
                    bytes.splice(at..at, stretch);
                }
                _ => {
                    // The first 40 bytes hold the dimensions in all three formats.
                    let at = random.below(bytes.len().min(40).saturating_sub(4));
                    bytes[at..at + 4].copy_from_slice(&(random.next() as u32).to_be_bytes());
                }
            }
        }
        bytes
    }

    /// A bounded fuzz run of the decoder and re-encoder, in every test run: thousands of
    /// damaged JPEG, PNG and WebP files never make it panic, and each either becomes
    /// stored sizes within the pixel limit or is refused with a reason. (The decode
    /// memory is bounded by `DECODE_MAX_ALLOC`; the dimension check runs first.)
    #[test]
    fn damaged_files_are_refused_or_processed_never_a_panic() {
        let image = RgbImage::from_fn(48, 36, |x, y| image::Rgb([x as u8 * 5, y as u8 * 7, 90]));
        let encode = |format| {
            let mut bytes = Vec::new();
            image
                .write_to(&mut Cursor::new(&mut bytes), format)
                .unwrap();
            bytes
        };
        let valid = [
            encode(ImageFormat::Jpeg),
            encode(ImageFormat::Png),
            encode(ImageFormat::WebP),
        ];
        let mut outcomes = [0usize; 2];
        for seed in 1..=5_000u64 {
            let mut random = Bytes(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            let bytes = damaged(&valid[seed as usize % valid.len()], &mut random);
            let result = std::panic::catch_unwind(|| process(&bytes));
            match result {
                Err(_) => panic!("seed {seed}: the pipeline panicked"),
                Ok(Ok(processed)) => {
                    assert!(
                        u64::from(processed.width) * u64::from(processed.height)
                            <= PHOTO_MAX_PIXELS,
                        "seed {seed}"
                    );
                    assert!(!processed.sizes.is_empty(), "seed {seed}");
                    outcomes[0] += 1;
                }
                Ok(Err(_)) => outcomes[1] += 1,
            }
        }
        // Both paths were exercised: some damage is survivable, most is not.
        assert!(outcomes[0] > 0 && outcomes[1] > 0, "{outcomes:?}");
    }
}

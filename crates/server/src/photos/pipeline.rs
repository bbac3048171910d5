//! From an uploaded file to the stored sizes: the content decides the type (never the
//! name or the declared type), decoding runs within explicit limits, the EXIF
//! orientation is applied, and new images are encoded from the pixels alone, so no
//! metadata (EXIF, GPS, camera serial, comments) survives. The day taken is read from
//! the EXIF data before it is left behind.

use std::io::Cursor;

use chrono::NaiveDate;
use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage};
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

/// Decodes, orients, and re-encodes an upload. CPU-bound: call it off the async runtime.
pub fn process(bytes: &[u8]) -> Result<Processed, PhotoError> {
    let format = sniff(bytes)?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_alloc = Some(DECODE_MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(unreadable)?;
    // The header's dimensions are checked before any pixel is decoded, so a small file
    // that declares a huge image (a decompression bomb) costs nothing.
    let (width, height) = decoder.dimensions();
    if width == 0 || height == 0 {
        return Err(PhotoError::Unreadable("the image has no pixels".into()));
    }
    if u64::from(width) * u64::from(height) > PHOTO_MAX_PIXELS {
        return Err(PhotoError::TooManyPixels { width, height });
    }
    let taken_on = decoder
        .exif_metadata()
        .ok()
        .flatten()
        .and_then(|exif| date_taken(&exif));
    let orientation = decoder.orientation().map_err(unreadable)?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(unreadable)?;
    image.apply_orientation(orientation);
    let pixels = flatten_on_white(image);
    let (width, height) = pixels.dimensions();
    let mut sizes = Vec::new();
    for target in PHOTO_WIDTHS {
        let longest = width.max(height);
        let (w, h, last) = if longest > target {
            let scale = f64::from(target) / f64::from(longest);
            (
                ((f64::from(width) * scale).round() as u32).max(1),
                ((f64::from(height) * scale).round() as u32).max(1),
                false,
            )
        } else {
            (width, height, true)
        };
        let resized;
        let source = if (w, h) == (width, height) {
            &pixels
        } else {
            resized = image::imageops::resize(&pixels, w, h, FilterType::Triangle);
            &resized
        };
        let mut jpeg = Vec::new();
        JpegEncoder::new_with_quality(&mut jpeg, JPEG_QUALITY)
            .encode_image(source)
            .map_err(unreadable)?;
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

/// RGB pixels; transparent parts (PNG, WebP) are laid on white, as a viewer shows them.
fn flatten_on_white(image: DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return image.into_rgb8();
    }
    let rgba = image.into_rgba8();
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let blend =
            |c: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
        image::Rgb([blend(r), blend(g), blend(b)])
    })
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

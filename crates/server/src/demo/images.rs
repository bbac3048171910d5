//! Generated demo photos: soft landscapes of gradients and shapes, so the gallery has
//! real decodable images without shipping anyone's picture.

use image::codecs::jpeg::JpegEncoder;
use image::{Rgb, RgbImage};

/// A random scene as JPEG, in two sizes (half and full), as the upload pipeline stores
/// them: `(width, height, bytes)`, smallest first.
pub fn generate_jpeg(
    rng: &mut fastrand::Rng,
    width: u32,
    height: u32,
) -> Result<Vec<(u32, u32, Vec<u8>)>, image::ImageError> {
    let sky_top = random_colour(rng, (60, 140), (120, 200), (180, 250));
    let sky_bottom = random_colour(rng, (170, 250), (170, 240), (160, 240));
    let ground = random_colour(rng, (40, 150), (90, 190), (30, 110));
    let horizon = height / 2 + rng.u32(0..height / 4);
    let mut img = RgbImage::from_fn(width, height, |_, y| {
        if y < horizon {
            lerp(sky_top, sky_bottom, y as f32 / horizon as f32)
        } else {
            let shade = 1.0 - (y - horizon) as f32 / (height - horizon).max(1) as f32 * 0.35;
            scale(ground, shade)
        }
    });
    // A sun or moon.
    let sun = random_colour(rng, (230, 256), (190, 240), (90, 200));
    let (cx, cy, r) = (
        rng.u32(0..width),
        rng.u32(0..horizon.max(1)),
        20 + rng.u32(0..40),
    );
    disc(&mut img, cx as i64, cy as i64, r as i64, sun);
    // A few houses, trees or people-like shapes.
    for _ in 0..(3 + rng.u32(0..5)) {
        let colour = random_colour(rng, (60, 230), (40, 200), (40, 200));
        let x = rng.u32(0..width) as i64;
        let base = (horizon + rng.u32(0..(height - horizon).max(1))) as i64;
        let size = 20 + rng.u32(0..70) as i64;
        if rng.bool() {
            rect(&mut img, x, base - size, size, size, colour);
            rect(
                &mut img,
                x + size / 3,
                base - size / 2,
                size / 3,
                size / 2,
                scale(colour, 0.5),
            );
        } else {
            rect(
                &mut img,
                x + size / 2 - 4,
                base - size,
                8,
                size,
                Rgb([110, 80, 50]),
            );
            disc(
                &mut img,
                x + size / 2,
                base - size,
                size / 2,
                scale(ground, 0.7),
            );
        }
    }
    let mut sizes = Vec::new();
    for target in [width / 2, width] {
        let scaled;
        let source = if target == width {
            &img
        } else {
            scaled = image::imageops::thumbnail(&img, target, height * target / width);
            &scaled
        };
        let mut jpeg = Vec::new();
        JpegEncoder::new_with_quality(&mut jpeg, 78).encode_image(source)?;
        sizes.push((source.width(), source.height(), jpeg));
    }
    Ok(sizes)
}

fn random_colour(rng: &mut fastrand::Rng, r: (u8, u16), g: (u8, u16), b: (u8, u16)) -> Rgb<u8> {
    let mut channel = |(lo, hi): (u8, u16)| {
        (u16::from(lo) + rng.u16(0..(hi - u16::from(lo)).max(1))).min(255) as u8
    };
    Rgb([channel(r), channel(g), channel(b)])
}

fn lerp(a: Rgb<u8>, b: Rgb<u8>, t: f32) -> Rgb<u8> {
    let mix = |x: u8, y: u8| (f32::from(x) + (f32::from(y) - f32::from(x)) * t).round() as u8;
    Rgb([mix(a[0], b[0]), mix(a[1], b[1]), mix(a[2], b[2])])
}

fn scale(c: Rgb<u8>, f: f32) -> Rgb<u8> {
    let s = |x: u8| (f32::from(x) * f).clamp(0.0, 255.0) as u8;
    Rgb([s(c[0]), s(c[1]), s(c[2])])
}

fn disc(img: &mut RgbImage, cx: i64, cy: i64, r: i64, colour: Rgb<u8>) {
    for y in (cy - r).max(0)..(cy + r).min(i64::from(img.height())) {
        for x in (cx - r).max(0)..(cx + r).min(i64::from(img.width())) {
            if (x - cx).pow(2) + (y - cy).pow(2) <= r * r {
                img.put_pixel(x as u32, y as u32, colour);
            }
        }
    }
}

fn rect(img: &mut RgbImage, x: i64, y: i64, w: i64, h: i64, colour: Rgb<u8>) {
    for yy in y.max(0)..(y + h).min(i64::from(img.height())) {
        for xx in x.max(0)..(x + w).min(i64::from(img.width())) {
            img.put_pixel(xx as u32, yy as u32, colour);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generates_decodable_jpeg_deterministically() {
        let a = generate_jpeg(&mut fastrand::Rng::with_seed(7), 160, 120).unwrap();
        let b = generate_jpeg(&mut fastrand::Rng::with_seed(7), 160, 120).unwrap();
        assert_eq!(a, b);
        let sizes: Vec<(u32, u32)> = a.iter().map(|(w, h, _)| (*w, *h)).collect();
        assert_eq!(sizes, [(80, 60), (160, 120)]);
        for (w, h, jpeg) in &a {
            let decoded = image::load_from_memory(jpeg).unwrap();
            assert_eq!((decoded.width(), decoded.height()), (*w, *h));
        }
    }
}

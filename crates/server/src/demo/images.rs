//! Generated demo photos: soft landscapes of gradients and shapes, so the gallery has
//! real decodable images without shipping anyone's picture.

use image::codecs::jpeg::JpegEncoder;
use image::{Rgb, RgbImage};

/// What one generated photo shows: every random choice, drawn in a fixed order, so a
/// scene can be drawn from the demo's random stream without rendering it.
#[derive(Clone, Debug)]
pub struct Scene {
    width: u32,
    height: u32,
    sky_top: Rgb<u8>,
    sky_bottom: Rgb<u8>,
    ground: Rgb<u8>,
    horizon: u32,
    sun: (Rgb<u8>, u32, u32, u32),
    shapes: Vec<Shape>,
}

/// A house (with a door) or a tree.
#[derive(Clone, Debug)]
struct Shape {
    colour: Rgb<u8>,
    x: i64,
    base: i64,
    size: i64,
    house: bool,
}

impl Scene {
    /// A random scene of `width` × `height` pixels.
    pub fn random(rng: &mut fastrand::Rng, width: u32, height: u32) -> Self {
        let sky_top = random_colour(rng, (60, 140), (120, 200), (180, 250));
        let sky_bottom = random_colour(rng, (170, 250), (170, 240), (160, 240));
        let ground = random_colour(rng, (40, 150), (90, 190), (30, 110));
        let horizon = height / 2 + rng.u32(0..height / 4);
        // A sun or moon.
        let sun_colour = random_colour(rng, (230, 256), (190, 240), (90, 200));
        let sun = (
            sun_colour,
            rng.u32(0..width),
            rng.u32(0..horizon.max(1)),
            20 + rng.u32(0..40),
        );
        // A few houses, trees or people-like shapes.
        let shapes = (0..(3 + rng.u32(0..5)))
            .map(|_| {
                let colour = random_colour(rng, (60, 230), (40, 200), (40, 200));
                let x = rng.u32(0..width) as i64;
                let base = (horizon + rng.u32(0..(height - horizon).max(1))) as i64;
                let size = 20 + rng.u32(0..70) as i64;
                let house = rng.bool();
                Shape {
                    colour,
                    x,
                    base,
                    size,
                    house,
                }
            })
            .collect();
        Self {
            width,
            height,
            sky_top,
            sky_bottom,
            ground,
            horizon,
            sun,
            shapes,
        }
    }

    /// The scene as JPEG, in two sizes (half and full), as the upload pipeline stores
    /// them: `(width, height, bytes)`, smallest first.
    pub fn jpeg(&self) -> Result<Vec<(u32, u32, Vec<u8>)>, image::ImageError> {
        let Self {
            width,
            height,
            sky_top,
            sky_bottom,
            ground,
            horizon,
            ..
        } = *self;
        let mut img = RgbImage::from_fn(width, height, |_, y| {
            if y < horizon {
                lerp(sky_top, sky_bottom, y as f32 / horizon as f32)
            } else {
                let shade = 1.0 - (y - horizon) as f32 / (height - horizon).max(1) as f32 * 0.35;
                scale(ground, shade)
            }
        });
        let (sun, cx, cy, r) = self.sun;
        disc(&mut img, cx as i64, cy as i64, r as i64, sun);
        for &Shape {
            colour,
            x,
            base,
            size,
            house,
        } in &self.shapes
        {
            if house {
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
}

/// Rendered photos for the demo data: the first [`PhotoPool::DISTINCT`] scenes are
/// rendered, later photos reuse their files. Rendering in the debug build (the pixel
/// loops are unoptimised there) took most of the large demo data's start-up; the
/// scenes are still drawn from the random stream, so the rest of the demo data is the
/// same as when every photo was rendered.
#[derive(Default)]
pub struct PhotoPool {
    rendered: Vec<Vec<(u32, u32, Vec<u8>)>>,
    used: usize,
}

impl PhotoPool {
    /// How many different photos the demo data has at most.
    pub const DISTINCT: usize = 64;

    /// The next photo's files.
    pub fn next(
        &mut self,
        rng: &mut fastrand::Rng,
        width: u32,
        height: u32,
    ) -> Result<Vec<(u32, u32, Vec<u8>)>, image::ImageError> {
        let scene = Scene::random(rng, width, height);
        let index = self.used % Self::DISTINCT;
        self.used += 1;
        if index == self.rendered.len() {
            self.rendered.push(scene.jpeg()?);
        }
        Ok(self.rendered[index].clone())
    }
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
        let a = Scene::random(&mut fastrand::Rng::with_seed(7), 160, 120)
            .jpeg()
            .unwrap();
        let b = Scene::random(&mut fastrand::Rng::with_seed(7), 160, 120)
            .jpeg()
            .unwrap();
        assert_eq!(a, b);
        let sizes: Vec<(u32, u32)> = a.iter().map(|(w, h, _)| (*w, *h)).collect();
        assert_eq!(sizes, [(80, 60), (160, 120)]);
        for (w, h, jpeg) in &a {
            let decoded = image::load_from_memory(jpeg).unwrap();
            assert_eq!((decoded.width(), decoded.height()), (*w, *h));
        }
    }

    #[test]
    fn the_pool_reuses_rendered_photos_but_draws_every_scene_from_the_stream() {
        let mut pooled = fastrand::Rng::with_seed(3);
        let mut plain = fastrand::Rng::with_seed(3);
        let mut pool = PhotoPool::default();
        let mut first = Vec::new();
        for i in 0..PhotoPool::DISTINCT + 2 {
            let files = pool.next(&mut pooled, 32, 24).unwrap();
            let scene = Scene::random(&mut plain, 32, 24);
            if i < PhotoPool::DISTINCT {
                assert_eq!(files, scene.jpeg().unwrap(), "photo {i} is its own scene");
                first.push(files);
            } else {
                assert_eq!(
                    files,
                    first[i - PhotoPool::DISTINCT],
                    "photo {i} reuses one"
                );
            }
        }
        // The random stream is where it would be had every photo been rendered.
        assert_eq!(pooled.u64(..), plain.u64(..));
    }
}

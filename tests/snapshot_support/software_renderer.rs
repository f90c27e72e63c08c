//! A CPU renderer for egui_kittest's image snapshots.
//!
//! egui_kittest renders snapshots through wgpu, which needs a Vulkan, Metal or GL driver. The
//! machines that run this project's tests (CI containers, installers' laptops without a GPU
//! driver in a VM) often have none, and a snapshot that cannot be rendered would have to be
//! skipped — a test that passes without testing. So the snapshots are rasterized here, on the
//! CPU, from the same tessellated meshes every egui backend draws: textured triangles with
//! per-vertex premultiplied colours, blended in gamma space with `ONE, ONE_MINUS_SRC_ALPHA`
//! (what egui's own painters do). The output is deterministic for a given egui version, so
//! snapshots compare exactly on every machine.
//!
//! Deliberately small: no paint callbacks (the pictures do not use them; a callback is an error,
//! not a blank), bilinear sampling with clamping, and the top-left fill rule so that triangles
//! sharing an edge neither leave a gap nor blend a pixel twice.

use std::collections::HashMap;

use egui::epaint::{ClippedPrimitive, ImageDelta, Primitive, Vertex};
use egui::{Color32, ImageData, Pos2, TextureId, TexturesDelta};
use egui_kittest::TestRenderer;
use image::RgbaImage;

/// One uploaded texture: its size and premultiplied pixels.
struct Texture {
    width: usize,
    height: usize,
    pixels: Vec<Color32>,
}

impl Texture {
    fn texel(&self, x: isize, y: isize) -> [f32; 4] {
        let x = x.clamp(0, self.width as isize - 1) as usize;
        let y = y.clamp(0, self.height as isize - 1) as usize;
        let color = self.pixels[y * self.width + x];
        [
            f32::from(color.r()) / 255.0,
            f32::from(color.g()) / 255.0,
            f32::from(color.b()) / 255.0,
            f32::from(color.a()) / 255.0,
        ]
    }

    /// Bilinear sample at normalized coordinates, clamped to the edge.
    fn sample(&self, u: f32, v: f32) -> [f32; 4] {
        let x = u * self.width as f32 - 0.5;
        let y = v * self.height as f32 - 0.5;
        let (x0, y0) = (x.floor(), y.floor());
        let (fx, fy) = (x - x0, y - y0);
        let (x0, y0) = (x0 as isize, y0 as isize);
        let corners = [
            self.texel(x0, y0),
            self.texel(x0 + 1, y0),
            self.texel(x0, y0 + 1),
            self.texel(x0 + 1, y0 + 1),
        ];
        std::array::from_fn(|c| {
            let top = corners[0][c] * (1.0 - fx) + corners[1][c] * fx;
            let bottom = corners[2][c] * (1.0 - fx) + corners[3][c] * fx;
            top * (1.0 - fy) + bottom * fy
        })
    }
}

/// Rasterizes egui's output on the CPU. Use with
/// `Harness::builder().renderer(SoftwareRenderer::default())`.
#[derive(Default)]
pub struct SoftwareRenderer {
    textures: HashMap<TextureId, Texture>,
}

impl SoftwareRenderer {
    fn apply(&mut self, id: TextureId, image_delta: &ImageDelta) {
        let ImageData::Color(image) = &image_delta.image;
        let [width, height] = image.size;
        match image_delta.pos {
            None => {
                self.textures.insert(
                    id,
                    Texture {
                        width,
                        height,
                        pixels: image.pixels.clone(),
                    },
                );
            }
            Some([left, top]) => {
                // A partial update (the font atlas grows glyph by glyph) of a texture that was
                // uploaded whole before.
                if let Some(texture) = self.textures.get_mut(&id) {
                    for row in 0..height {
                        let target = (top + row) * texture.width + left;
                        texture.pixels[target..target + width]
                            .copy_from_slice(&image.pixels[row * width..(row + 1) * width]);
                    }
                }
            }
        }
    }
}

impl TestRenderer for SoftwareRenderer {
    fn handle_delta(&mut self, delta: &mut TexturesDelta) {
        // Per texture, the deltas apply in order; textures are independent of each other.
        for (id, deltas) in delta.set.drain() {
            for image_delta in deltas {
                self.apply(id, &image_delta);
            }
        }
        for id in delta.free.drain() {
            self.textures.remove(&id);
        }
    }

    fn render(
        &mut self,
        ctx: &egui::Context,
        output: &egui::FullOutput,
    ) -> Result<RgbaImage, String> {
        let pixels_per_point = ctx.pixels_per_point();
        let size = ctx.content_rect().size() * pixels_per_point;
        let (width, height) = (size.x.round() as usize, size.y.round() as usize);
        let mut target = Target {
            width,
            height,
            pixels: vec![[0.0; 4]; width * height],
        };
        for ClippedPrimitive {
            clip_rect,
            primitive,
        } in ctx.tessellate(output.shapes.clone(), pixels_per_point)
        {
            let Primitive::Mesh(mesh) = primitive else {
                return Err("the software renderer cannot run paint callbacks".to_owned());
            };
            let texture = self.textures.get(&mesh.texture_id).ok_or_else(|| {
                format!("a mesh uses texture {:?}, never uploaded", mesh.texture_id)
            })?;
            // The clip rectangle in whole pixels, as egui's painters set their scissor.
            let clip = Clip {
                left: ((clip_rect.min.x * pixels_per_point).round().max(0.0) as usize).min(width),
                top: ((clip_rect.min.y * pixels_per_point).round().max(0.0) as usize).min(height),
                right: ((clip_rect.max.x * pixels_per_point).round().max(0.0) as usize).min(width),
                bottom: ((clip_rect.max.y * pixels_per_point).round().max(0.0) as usize)
                    .min(height),
            };
            for triangle in mesh.indices.chunks_exact(3) {
                let corner = |i: usize| {
                    let vertex = mesh.vertices[triangle[i] as usize];
                    Vertex {
                        pos: Pos2::new(
                            vertex.pos.x * pixels_per_point,
                            vertex.pos.y * pixels_per_point,
                        ),
                        ..vertex
                    }
                };
                target.fill_triangle([corner(0), corner(1), corner(2)], texture, &clip);
            }
        }
        Ok(target.into_image())
    }
}

struct Clip {
    left: usize,
    top: usize,
    right: usize,
    bottom: usize,
}

/// The framebuffer: premultiplied RGBA in 0..=1, cleared to transparent like kittest's wgpu pass.
struct Target {
    width: usize,
    height: usize,
    pixels: Vec<[f32; 4]>,
}

impl Target {
    fn fill_triangle(&mut self, mut corners: [Vertex; 3], texture: &Texture, clip: &Clip) {
        let mut area = edge(corners[0].pos, corners[1].pos, corners[2].pos);
        if area == 0.0 || !area.is_finite() {
            return;
        }
        if area < 0.0 {
            corners.swap(1, 2);
            area = -area;
        }
        let [a, b, c] = corners.map(|corner| corner.pos);
        let min_x = a.x.min(b.x).min(c.x).floor().max(clip.left as f32) as usize;
        let max_x = (a.x.max(b.x).max(c.x).ceil().max(0.0) as usize).min(clip.right);
        let min_y = a.y.min(b.y).min(c.y).floor().max(clip.top as f32) as usize;
        let max_y = (a.y.max(b.y).max(c.y).ceil().max(0.0) as usize).min(clip.bottom);
        let colors = corners.map(|corner| {
            let color = corner.color;
            [
                f32::from(color.r()) / 255.0,
                f32::from(color.g()) / 255.0,
                f32::from(color.b()) / 255.0,
                f32::from(color.a()) / 255.0,
            ]
        });
        for y in min_y..max_y {
            for x in min_x..max_x {
                let p = Pos2::new(x as f32 + 0.5, y as f32 + 0.5);
                let weights = [edge(b, c, p), edge(c, a, p), edge(a, b, p)];
                let owned = [owns(b, c), owns(c, a), owns(a, b)];
                let inside = weights
                    .iter()
                    .zip(owned)
                    .all(|(&w, owned)| w > 0.0 || (w == 0.0 && owned));
                if !inside {
                    continue;
                }
                let weights = weights.map(|w| w / area);
                let u = weights[0] * corners[0].uv.x
                    + weights[1] * corners[1].uv.x
                    + weights[2] * corners[2].uv.x;
                let v = weights[0] * corners[0].uv.y
                    + weights[1] * corners[1].uv.y
                    + weights[2] * corners[2].uv.y;
                let texel = texture.sample(u, v);
                let source: [f32; 4] = std::array::from_fn(|channel| {
                    let vertex = weights[0] * colors[0][channel]
                        + weights[1] * colors[1][channel]
                        + weights[2] * colors[2][channel];
                    vertex * texel[channel]
                });
                let pixel = &mut self.pixels[y * self.width + x];
                let keep = 1.0 - source[3];
                for channel in 0..4 {
                    pixel[channel] = source[channel] + pixel[channel] * keep;
                }
            }
        }
    }

    fn into_image(self) -> RgbaImage {
        let bytes = self
            .pixels
            .iter()
            .flat_map(|pixel| pixel.map(|c| (c.clamp(0.0, 1.0) * 255.0).round() as u8))
            .collect();
        RgbaImage::from_raw(self.width as u32, self.height as u32, bytes)
            .expect("width × height × 4 bytes")
    }
}

/// Twice the signed area of (from, to, p). Computed from the edge's endpoints in one fixed order,
/// so the two triangles that share an edge get exactly opposite values for a pixel on it.
fn edge(from: Pos2, to: Pos2, p: Pos2) -> f32 {
    if (from.x, from.y) <= (to.x, to.y) {
        (to.x - from.x) * (p.y - from.y) - (to.y - from.y) * (p.x - from.x)
    } else {
        -((from.x - to.x) * (p.y - to.y) - (from.y - to.y) * (p.x - to.x))
    }
}

/// The fill rule for pixels exactly on an edge: of an edge's two directions, exactly one owns it.
fn owns(from: Pos2, to: Pos2) -> bool {
    let (dx, dy) = (to.x - from.x, to.y - from.y);
    dy > 0.0 || (dy == 0.0 && dx < 0.0)
}

//! Fonts: egui's bundled fonts, plus the monospace font (Hack) as the proportional family's last
//! fallback — it carries the arrows and shapes (→ ← ●) the portal steps use — plus a CJK-capable
//! system font for Simplified and Traditional Chinese (Microsoft YaHei / JhengHei on Windows,
//! PingFang on macOS, Noto Sans CJK or WenQuanYi on Linux; `ONES_M365_CJK_FONT` names another).
//! Without one, Chinese text shows as boxes and the app says so in one line.
//!
//! The CJK font (5–30 MB) is read only when it is needed — Chinese chosen, or Chinese text in the
//! document — not at every start ([`add_cjk_font`]); an English session never reads it.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Where CJK-capable fonts live on the three desktop systems, most preferred first.
const CJK_FONT_CANDIDATES: &[&str] = &[
    // Windows
    "C:\\Windows\\Fonts\\msyh.ttc",
    "C:\\Windows\\Fonts\\msjh.ttc",
    "C:\\Windows\\Fonts\\simsun.ttc",
    // macOS
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/Hiragino Sans GB.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    // Linux
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansSC-Regular.ttf",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
];

/// A font file larger than this is not loaded (a CJK font is 5–30 MB).
const MAX_FONT_BYTES: u64 = 64 * 1024 * 1024;

/// egui's fonts with Hack as the proportional family's last fallback. Cheap: no file is read.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    if let Some(proportional) = fonts.families.get_mut(&egui::FontFamily::Proportional)
        && !proportional.iter().any(|name| name == "Hack")
    {
        proportional.push("Hack".to_owned());
    }
    ctx.set_fonts(fonts);
}

/// Adds the CJK font to `ctx` as the last fallback of both families; `false` when this computer
/// has none. The file is read once per process.
pub fn add_cjk_font(ctx: &egui::Context) -> bool {
    let Some(bytes) = cjk_font_bytes() else {
        return false;
    };
    let families = [egui::FontFamily::Proportional, egui::FontFamily::Monospace]
        .into_iter()
        .map(|family| egui::epaint::text::InsertFontFamily {
            family,
            priority: egui::epaint::text::FontPriority::Lowest,
        })
        .collect();
    ctx.add_font(egui::epaint::text::FontInsert::new(
        "cjk",
        egui::FontData::from_static(bytes),
        families,
    ));
    true
}

/// Whether a font for Chinese characters exists on this computer (no file is read for this).
pub fn cjk_font_available() -> bool {
    cjk_font_path().is_some()
}

/// Whether `text` has Chinese, Japanese or Korean characters the default fonts cannot draw.
pub fn needs_cjk(text: &str) -> bool {
    text.chars().any(|ch| {
        matches!(ch,
            '\u{2E80}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}')
    })
}

fn cjk_font_path() -> Option<&'static PathBuf> {
    static PATH: OnceLock<Option<PathBuf>> = OnceLock::new();
    PATH.get_or_init(|| {
        let from_env = std::env::var_os("ONES_M365_CJK_FONT").map(PathBuf::from);
        from_env
            .into_iter()
            .chain(CJK_FONT_CANDIDATES.iter().map(PathBuf::from))
            .find(|path| std::fs::metadata(path).is_ok_and(|metadata| metadata.is_file()))
    })
    .as_ref()
}

/// The CJK font's bytes, read on first use and kept for the process (every window shares them).
fn cjk_font_bytes() -> Option<&'static [u8]> {
    static BYTES: OnceLock<Option<&'static [u8]>> = OnceLock::new();
    *BYTES.get_or_init(|| {
        let path = cjk_font_path()?;
        let bytes = read_font(path)?;
        tracing::debug!("CJK font: {}", path.display());
        Some(Box::leak(bytes.into_boxed_slice()))
    })
}

/// A regular font file, bounded (`ONES_M365_CJK_FONT` may name anything, a FIFO included).
fn read_font(path: &Path) -> Option<Vec<u8>> {
    crate::files::read_input_file(path, MAX_FONT_BYTES)
        .ok()
        .filter(|bytes| !bytes.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_chinese_japanese_or_korean_text_needs_the_cjk_font() {
        assert!(needs_cjk("总部会议室"));
        assert!(needs_cjk("Head office（总部）"));
        assert!(!needs_cjk("Head office — Zürich → café"));
    }
}

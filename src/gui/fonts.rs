//! Fonts: egui's bundled fonts, plus the monospace font (Hack) as the proportional family's last
//! fallback — it carries the arrows and shapes (→ ← ●) the portal steps use — plus a CJK-capable
//! system font for Simplified and Traditional Chinese (Microsoft YaHei / JhengHei on Windows,
//! PingFang on macOS, Noto Sans CJK or WenQuanYi on Linux; `ONES_M365_CJK_FONT` names another).
//! Without one, Chinese text shows as boxes and the app says so in one line.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

static CJK_FONT_LOADED: AtomicBool = AtomicBool::new(false);

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

pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    if let Some(proportional) = fonts.families.get_mut(&egui::FontFamily::Proportional)
        && !proportional.iter().any(|name| name == "Hack")
    {
        proportional.push("Hack".to_owned());
    }
    if let Some((path, bytes)) = find_cjk_font() {
        tracing::debug!("CJK font: {}", path.display());
        fonts.font_data.insert(
            "cjk".to_owned(),
            std::sync::Arc::new(egui::FontData::from_owned(bytes)),
        );
        for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
            if let Some(list) = fonts.families.get_mut(&family) {
                list.push("cjk".to_owned());
            }
        }
        CJK_FONT_LOADED.store(true, Ordering::Relaxed);
    }
    ctx.set_fonts(fonts);
}

/// Whether [`install_fonts`] found a font for Chinese characters.
pub fn cjk_font_loaded() -> bool {
    CJK_FONT_LOADED.load(Ordering::Relaxed)
}

fn find_cjk_font() -> Option<(PathBuf, Vec<u8>)> {
    let from_env = std::env::var_os("ONES_M365_CJK_FONT").map(PathBuf::from);
    from_env
        .into_iter()
        .chain(CJK_FONT_CANDIDATES.iter().map(PathBuf::from))
        .find_map(|path| read_font(&path).map(|bytes| (path, bytes)))
}

/// A regular font file, bounded (`ONES_M365_CJK_FONT` may name anything, a FIFO included).
fn read_font(path: &Path) -> Option<Vec<u8>> {
    crate::files::read_input_file(path, MAX_FONT_BYTES)
        .ok()
        .filter(|bytes| !bytes.is_empty())
}

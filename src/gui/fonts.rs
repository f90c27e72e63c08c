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

/// egui's fonts with Hack as the proportional family's last fallback. No CJK font yet: that
/// ~20 MB file is read and parsed only when Chinese is chosen or Chinese text appears
/// ([`ensure_cjk_font`]), so an English window starts without it.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    if let Some(proportional) = fonts.families.get_mut(&egui::FontFamily::Proportional)
        && !proportional.iter().any(|name| name == "Hack")
    {
        proportional.push("Hack".to_owned());
    }
    ctx.set_fonts(fonts);
}

/// The CJK font file, once read (`Some(None)`: there is none). Read at most once per process and
/// kept for its lifetime: every egui context borrows the same bytes, no copy of a ~20 MB file per
/// context.
static CJK_FONT_BYTES: std::sync::OnceLock<Option<&'static [u8]>> = std::sync::OnceLock::new();

fn cjk_font_bytes() -> Option<&'static [u8]> {
    *CJK_FONT_BYTES.get_or_init(|| {
        find_cjk_font().map(|(path, bytes)| {
            tracing::debug!("CJK font: {}", path.display());
            bytes
        })
    })
}

/// Starts reading the CJK font on a background thread (once per process), so no frame waits for
/// the disk.
pub fn preload_cjk_font() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        let spawned = std::thread::Builder::new()
            .name("cjk-font".to_owned())
            .spawn(|| {
                cjk_font_bytes();
            });
        if let Err(error) = spawned {
            // No thread: read it here rather than never.
            tracing::debug!("CJK font read on the calling thread: {error}");
            cjk_font_bytes();
        }
    });
}

/// Adds the system's CJK font to `ctx` (once per context); true once it is there. Never reads the
/// disk on the calling (UI) thread: until the background read is done it returns false and asks
/// for another frame shortly, so the glyphs appear a moment later. False for good when the machine
/// has no CJK font.
pub fn ensure_cjk_font(ctx: &egui::Context) -> bool {
    let marker = egui::Id::unique("cjk-font-installed");
    if ctx
        .data(|data| data.get_temp::<bool>(marker))
        .unwrap_or(false)
    {
        return true;
    }
    let bytes = match CJK_FONT_BYTES.get() {
        Some(Some(bytes)) => *bytes,
        Some(None) => return false,
        None => {
            preload_cjk_font();
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
            return false;
        }
    };
    ctx.add_font(egui::epaint::text::FontInsert::new(
        "cjk",
        egui::FontData::from_static(bytes),
        [egui::FontFamily::Proportional, egui::FontFamily::Monospace]
            .into_iter()
            .map(|family| egui::epaint::text::InsertFontFamily {
                family,
                priority: egui::epaint::text::FontPriority::Lowest,
            })
            .collect(),
    ));
    ctx.data_mut(|data| data.insert_temp(marker, true));
    CJK_FONT_LOADED.store(true, Ordering::Relaxed);
    true
}

/// Whether a font for Chinese characters exists on this machine (without reading it).
pub fn cjk_font_available() -> bool {
    CJK_FONT_LOADED.load(Ordering::Relaxed)
        || std::env::var_os("ONES_M365_CJK_FONT")
            .map(PathBuf::from)
            .into_iter()
            .chain(CJK_FONT_CANDIDATES.iter().map(PathBuf::from))
            .any(|path| path.is_file())
}

/// Whether `text` has characters only a CJK font draws.
pub fn needs_cjk(text: &str) -> bool {
    text.chars().any(|ch| {
        matches!(ch as u32,
            0x2E80..=0x2FDF | 0x3000..=0x30FF | 0x3100..=0x31BF | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
    })
}

fn find_cjk_font() -> Option<(PathBuf, &'static [u8])> {
    let from_env = std::env::var_os("ONES_M365_CJK_FONT").map(PathBuf::from);
    from_env
        .into_iter()
        .chain(CJK_FONT_CANDIDATES.iter().map(PathBuf::from))
        .find_map(|path| load_font(&path).map(|bytes| (path, bytes)))
}

/// A regular font file of at most [`MAX_FONT_BYTES`] (`ONES_M365_CJK_FONT` may name anything, a
/// FIFO included), for the rest of the process: mapped, so only the pages egui reads (the tables,
/// the glyphs drawn) become resident — a CJK font is ~20 MB, the Chinese window touches a few —
/// else read whole.
fn load_font(path: &Path) -> Option<&'static [u8]> {
    let file = crate::files::open_regular(path).ok()?;
    let len = file.metadata().ok()?.len();
    if len == 0 || len > MAX_FONT_BYTES {
        return None;
    }
    // SAFETY: a read-only private map that lives until the process ends (leaked below). What is
    // mapped is a regular file of the system's font directories (or the one the user named):
    // package managers replace such files by renaming a new file over them, which leaves the
    // mapped one intact; Windows refuses to truncate a mapped file. Were it truncated all the
    // same, reading a vanished page would stop the program — the price of not keeping 20 MB.
    #[allow(unsafe_code)]
    let mapped = unsafe { memmap2::Mmap::map(&file) };
    match mapped {
        Ok(map) if map.len() as u64 == len => Some(&**Box::leak(Box::new(map))),
        _ => crate::files::read_input_file(path, MAX_FONT_BYTES)
            .ok()
            .filter(|bytes| !bytes.is_empty())
            .map(|bytes| &*Box::leak(bytes.into_boxed_slice())),
    }
}

//! Fonts: egui's bundled fonts, plus the monospace font (Hack) as the proportional family's last
//! fallback — it carries the arrows and shapes (→ ← ●) the portal steps use — plus, for Chinese:
//!
//! - **the window's own glyphs**: subsets of Noto Sans CJK SC and TC embedded in the binary
//!   (`assets/fonts/`, made by `scripts/cjk-subset.sh`) holding every CJK character the program
//!   itself writes. A Chinese window draws from them without reading or mapping a font file: its
//!   start-up costs no disk read and a few hundred kilobytes instead of the megabytes of a
//!   ~20 MB system font's pages, and each language gets its own glyph forms (the Noto collection's
//!   first face is Japanese).
//! - **a CJK-capable system font** for text the subset lacks (typed or loaded text): Microsoft
//!   YaHei / JhengHei on Windows, PingFang on macOS, Noto Sans CJK or WenQuanYi on Linux;
//!   `ONES_M365_CJK_FONT` names another. Read in the background only when such text appears.
//!   Without one, such characters show as boxes (and a Chinese window says so in one line).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

static CJK_FONT_LOADED: AtomicBool = AtomicBool::new(false);

/// Where CJK-capable fonts live on the three desktop systems, most preferred first, with the face
/// to use in a collection for Simplified and for Traditional Chinese.
const CJK_FONT_CANDIDATES: &[(&str, u32, u32)] = &[
    // Windows
    ("C:\\Windows\\Fonts\\msyh.ttc", 0, 0),
    ("C:\\Windows\\Fonts\\msjh.ttc", 0, 0),
    ("C:\\Windows\\Fonts\\simsun.ttc", 0, 0),
    // macOS
    ("/System/Library/Fonts/PingFang.ttc", 0, 0),
    ("/System/Library/Fonts/Hiragino Sans GB.ttc", 0, 0),
    ("/System/Library/Fonts/STHeiti Light.ttc", 0, 0),
    // Linux. Noto Sans CJK's collection holds JP, KR, SC, TC, HK, then the monospaced five.
    (
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        2,
        3,
    ),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2, 3),
    (
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
        2,
        3,
    ),
    (
        "/usr/share/fonts/truetype/noto/NotoSansSC-Regular.ttf",
        0,
        0,
    ),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0, 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0, 0),
    (
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        0,
        0,
    ),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0, 0),
];

/// A font file larger than this is not loaded (a CJK font is 5–30 MB).
const MAX_FONT_BYTES: u64 = 64 * 1024 * 1024;

/// Noto Sans CJK SC, only the characters of [`UI_CJK_CHARS`].
pub const UI_CJK_SIMPLIFIED: &[u8] = include_bytes!("../../assets/fonts/cjk-ui-sc.otf");
/// Noto Sans CJK TC, only the characters of [`UI_CJK_CHARS`].
pub const UI_CJK_TRADITIONAL: &[u8] = include_bytes!("../../assets/fonts/cjk-ui-tc.otf");
/// The characters both subsets hold, sorted (one line).
pub const UI_CJK_CHARS: &str = include_str!("../../assets/fonts/cjk-ui-chars.txt");

/// Which Chinese glyph forms the window draws with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ChineseForms {
    #[default]
    Simplified,
    Traditional,
}

impl ChineseForms {
    /// The forms for the UI language: Traditional for 繁體中文, else Simplified (also in an English
    /// window, for the language menu and typed text).
    pub fn for_language(language: crate::i18n::Language) -> Self {
        match language {
            crate::i18n::Language::TraditionalChinese => Self::Traditional,
            _ => Self::Simplified,
        }
    }
}

/// The fonts beside egui's own: the Chinese forms of the embedded glyphs (always there: a font
/// egui never falls back to costs nothing but its parsed header, and a language switch or typed
/// Chinese finds its glyphs in the same frame) and whether the system's CJK font is wanted too.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct WantedFonts {
    pub forms: ChineseForms,
    pub system_cjk: bool,
}

/// egui's fonts with Hack as the proportional family's last fallback, the embedded Chinese glyphs
/// in `wanted`'s forms, and the system's CJK font when wanted and read.
fn definitions(wanted: WantedFonts, system: Option<&'static [u8]>) -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    let mut fallbacks = vec!["cjk-ui"];
    let bytes = match wanted.forms {
        ChineseForms::Simplified => UI_CJK_SIMPLIFIED,
        ChineseForms::Traditional => UI_CJK_TRADITIONAL,
    };
    fonts.font_data.insert(
        "cjk-ui".to_owned(),
        egui::FontData::from_static(bytes).into(),
    );
    if wanted.system_cjk
        && let Some(bytes) = system
    {
        let mut data = egui::FontData::from_static(bytes);
        data.index = SYSTEM_CJK_FACES
            .get()
            .map_or(0, |&(simplified, traditional)| match wanted.forms {
                ChineseForms::Simplified => simplified,
                ChineseForms::Traditional => traditional,
            });
        fonts.font_data.insert("cjk".to_owned(), data.into());
        fallbacks.push("cjk");
    }
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        if let Some(list) = fonts.families.get_mut(&family) {
            if family == egui::FontFamily::Proportional && !list.iter().any(|name| name == "Hack") {
                list.push("Hack".to_owned());
            }
            list.extend(fallbacks.iter().map(|name| (*name).to_owned()));
        }
    }
    fonts
}

/// egui's fonts with Hack as the proportional family's last fallback and the embedded Chinese
/// glyphs (Simplified forms). No font file is read.
pub fn install_fonts(ctx: &egui::Context) {
    install_fonts_for(ctx, crate::i18n::Language::English);
}

/// [`install_fonts`] with the Chinese forms of `language`, so the very first frame draws them
/// (fonts set during a frame arrive in the next one).
pub fn install_fonts_for(ctx: &egui::Context, language: crate::i18n::Language) {
    sync_fonts(
        ctx,
        WantedFonts {
            forms: ChineseForms::for_language(language),
            system_cjk: false,
        },
    );
}

/// Makes `ctx`'s fonts what `wanted` names (once per change: replacing fonts rebuilds the glyph
/// atlas). The system font is never read on the calling (UI) thread: until the background read
/// is done, its glyphs come a frame later (another frame is asked for shortly). Once installed it
/// stays. True when everything wanted is installed.
pub fn sync_fonts(ctx: &egui::Context, wanted: WantedFonts) -> bool {
    let marker = egui::Id::unique("ones-m365-installed-fonts");
    let installed: Option<WantedFonts> = ctx.data(|data| data.get_temp(marker));
    let system = if wanted.system_cjk {
        match CJK_FONT_BYTES.get() {
            Some(bytes) => *bytes,
            None => {
                preload_cjk_font();
                ctx.request_repaint_after(std::time::Duration::from_millis(50));
                None
            }
        }
    } else {
        None
    };
    let merged = WantedFonts {
        forms: wanted.forms,
        system_cjk: system.is_some() || installed.is_some_and(|before| before.system_cjk),
    };
    if installed != Some(merged) {
        ctx.set_fonts(definitions(merged, *CJK_FONT_BYTES.get().unwrap_or(&None)));
        ctx.data_mut(|data| data.insert_temp(marker, merged));
        if merged.system_cjk {
            CJK_FONT_LOADED.store(true, Ordering::Relaxed);
        }
    }
    !wanted.system_cjk || merged.system_cjk
}

/// The CJK font file, once read (`Some(None)`: there is none). Read at most once per process and
/// kept for its lifetime: every egui context borrows the same bytes, no copy of a ~20 MB file per
/// context.
static CJK_FONT_BYTES: std::sync::OnceLock<Option<&'static [u8]>> = std::sync::OnceLock::new();
/// The system font's faces for Simplified and Traditional Chinese (set with the bytes).
static SYSTEM_CJK_FACES: std::sync::OnceLock<(u32, u32)> = std::sync::OnceLock::new();

fn cjk_font_bytes() -> Option<&'static [u8]> {
    *CJK_FONT_BYTES.get_or_init(|| {
        find_cjk_font().map(|(path, faces, bytes)| {
            tracing::debug!("CJK font: {}", path.display());
            let _ = SYSTEM_CJK_FACES.set(faces);
            bytes
        })
    })
}

/// Starts reading the system's CJK font on a background thread (once per process), so no frame
/// waits for the disk.
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

/// Whether the embedded Chinese glyphs hold `ch`.
pub fn in_ui_subset(ch: char) -> bool {
    static SORTED: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    SORTED
        .get_or_init(|| UI_CJK_CHARS.trim_end().chars().collect())
        .binary_search(&ch)
        .is_ok()
}

/// Whether `text` has a character only a CJK font draws that the embedded glyphs lack.
pub fn needs_system_cjk(text: &str) -> bool {
    text.chars().any(|ch| is_cjk(ch) && !in_ui_subset(ch))
}

/// Whether a font for Chinese characters exists on this machine (without reading it).
pub fn cjk_font_available() -> bool {
    CJK_FONT_LOADED.load(Ordering::Relaxed)
        || std::env::var_os("ONES_M365_CJK_FONT")
            .map(PathBuf::from)
            .into_iter()
            .chain(
                CJK_FONT_CANDIDATES
                    .iter()
                    .map(|(path, ..)| PathBuf::from(path)),
            )
            .any(|path| path.is_file())
}

/// A character only a CJK font draws (`scripts/cjk-subset.sh` uses the same ranges).
pub fn is_cjk(ch: char) -> bool {
    matches!(ch as u32,
        0x2E80..=0x2FDF | 0x3000..=0x30FF | 0x3100..=0x31BF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// The first CJK font found, with its faces for Simplified and Traditional Chinese.
fn find_cjk_font() -> Option<(PathBuf, (u32, u32), &'static [u8])> {
    let from_env = std::env::var_os("ONES_M365_CJK_FONT").map(|path| (PathBuf::from(path), (0, 0)));
    from_env
        .into_iter()
        .chain(
            CJK_FONT_CANDIDATES
                .iter()
                .map(|&(path, simplified, traditional)| {
                    (PathBuf::from(path), (simplified, traditional))
                }),
        )
        .find_map(|(path, faces)| load_font(&path).map(|bytes| (path, faces, bytes)))
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

#[cfg(test)]
mod tests {
    use super::*;
    use skrifa::MetadataProvider;
    use skrifa::raw::TableProvider;

    /// Every CJK character the program writes (the catalogues, the Chinese in `src/`).
    fn written_by_the_program() -> std::collections::BTreeSet<char> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = vec![
            root.join("assets/locales/zh-CN.json"),
            root.join("assets/locales/zh-TW.json"),
            root.join("assets/locales/en.json"),
        ];
        let mut folders = vec![root.join("src")];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).expect("src is readable") {
                let path = entry.expect("a directory entry").path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|ext| ext == "rs") {
                    files.push(path);
                }
            }
        }
        files
            .iter()
            .flat_map(|path| {
                std::fs::read_to_string(path)
                    .expect("a source file is UTF-8")
                    .chars()
                    .filter(|&ch| is_cjk(ch))
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    #[test]
    fn the_embedded_glyphs_hold_every_chinese_character_the_program_writes() {
        let missing: String = written_by_the_program()
            .into_iter()
            .filter(|&ch| !in_ui_subset(ch))
            .collect();
        assert!(
            missing.is_empty(),
            "not in assets/fonts/cjk-ui-chars.txt: {missing} — run scripts/cjk-subset.sh"
        );
    }

    #[test]
    fn both_subsets_draw_every_listed_character_and_the_list_is_sorted() {
        let listed: Vec<char> = UI_CJK_CHARS.trim_end().chars().collect();
        assert!(listed.len() > 500, "{} characters", listed.len());
        assert!(
            listed.windows(2).all(|pair| pair[0] < pair[1]),
            "sorted, no repeats"
        );
        for (name, bytes) in [("SC", UI_CJK_SIMPLIFIED), ("TC", UI_CJK_TRADITIONAL)] {
            let font = skrifa::FontRef::new(bytes).expect("an OpenType font");
            let charmap = font.charmap();
            let missing: String = listed
                .iter()
                .copied()
                .filter(|&ch| charmap.map(ch).is_none_or(|glyph| glyph.to_u32() == 0))
                .collect();
            assert!(missing.is_empty(), "{name} lacks {missing}");
            // A subset, not the whole collection's face (tens of thousands of glyphs).
            assert!(font.maxp().expect("maxp").num_glyphs() < 3000);
        }
    }

    #[test]
    fn only_characters_beyond_the_embedded_glyphs_need_the_system_font() {
        assert!(!needs_system_cjk("会议室 ONES"));
        assert!(!needs_system_cjk("room-101@contoso.onmicrosoft.com"));
        // U+9F98 (dragons) is in no catalogue (and written escaped here, or the scan above finds it).
        assert!(needs_system_cjk("\u{9F98}"));
        assert_eq!(
            ChineseForms::for_language(crate::i18n::Language::TraditionalChinese),
            ChineseForms::Traditional
        );
    }

    #[test]
    fn the_embedded_chinese_glyphs_are_there_from_the_first_frame_in_either_forms() {
        let ctx = egui::Context::default();
        install_fonts(&ctx);
        let font = egui::FontId::proportional(14.0);
        ctx.run_ui(egui::RawInput::default(), |_| {})
            .textures_delta
            .clear();
        assert!(ctx.fonts_mut(|fonts| fonts.has_glyphs(&font, "会议室 简体中文 繁體中文")));
        assert!(sync_fonts(
            &ctx,
            WantedFonts {
                forms: ChineseForms::Traditional,
                system_cjk: false,
            }
        ));
        ctx.run_ui(egui::RawInput::default(), |_| {})
            .textures_delta
            .clear();
        assert!(ctx.fonts_mut(|fonts| fonts.has_glyphs(&font, "會議室")));
        // Typed text beyond the embedded glyphs: not there without the system font.
        assert!(!ctx.fonts_mut(|fonts| fonts.has_glyphs(&font, "\u{9F98}")));
    }
}

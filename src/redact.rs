//! The one redaction step every output passes through: human lines and JSON of the CLI, reports,
//! texts the window shows, log lines. It replaces every secret and token this process holds — from
//! the document, the environment, the window, the room test's tokens, the ONES API token — with
//! `<redacted>`, also where a server quoted one inside its own message.
//!
//! How the process "holds" a secret without keeping a second copy of it: every
//! [`crate::model::Secret`] registers a *fingerprint* of its value when it is made from a file, the
//! environment or a server, and when its value is used ([`crate::model::Secret::expose`]: sent,
//! exported, saved) — the length and a keyed 64-bit rolling hash, never the text. A secret being
//! typed into the window ([`crate::model::Secret::typed`]) is registered on its first use, not on
//! each keystroke: otherwise every prefix of it would redact ordinary text that starts the same
//! way (`ones-demo` of a half-typed `ones-demo-token` in `room-101@ones-demo.onmicrosoft.com`).
//! [`redact`] slides one short window over the output (Rabin–Karp on the first bytes of every
//! registered value) and checks whole values only where a prefix matches, so its cost does not
//! grow with the number of values registered. The key is random per process, so a fingerprint
//! says nothing outside it. A collision can only over-redact, never leak.
//!
//! Besides the value itself, the forms in which a server may quote it back are registered too:
//! percent-encoded (it was sent in a form) and JSON-escaped — of the value and, when it has
//! surrounding whitespace (a secret read from a file or the environment with its newline), of the
//! trimmed value, which is what the checks send.
//!
//! Values shorter than [`MIN_SECRET_CHARS`] are not registered: redacting three letters everywhere
//! would garble every message, and no real secret, token or code is that short. The bound is the
//! shortest value the assistant may have to hide, not the shortest Microsoft issues: Entra client
//! secrets are 32–44 characters and tokens, codes and PKCE verifiers longer, but the ONES API
//! token's length is not documented (`docs/ones-api.md`), and a value the user sent — even a wrong
//! one — must stay hidden.
//!
//! [`for_terminal`] is the other half of the output boundary for human output: it makes control
//! characters and bidirectional overrides that came from a document or a server visible instead of
//! letting them act on the terminal. No egui.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError};

use zeroize::Zeroizing;

/// What a secret is replaced with.
pub const REDACTED: &str = "<redacted>";

/// Shorter values are never registered (see the module docs).
pub const MIN_SECRET_CHARS: usize = 8;

/// A bound on fingerprints kept (about 40 bytes each): a session registers tens or hundreds (each
/// value sent, in three forms), not tens of thousands. Past the bound the oldest are
/// forgotten first — far beyond any real session; `redact`'s cost does not depend on the count.
const MAX_FINGERPRINTS: usize = 1 << 16;

/// A registered value: its byte length, the hash of all of it, the hash of its first
/// [`PREFIX_BYTES`] bytes (the key `redact` looks candidates up by).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Fingerprint {
    length: usize,
    full: u64,
    prefix: u64,
}

/// 65,536 bits.
const PREFIX_BITS_WORDS: usize = 1024;

/// Every registered value is at least this long (it has at least [`MIN_SECRET_CHARS`] characters).
const PREFIX_BYTES: usize = MIN_SECRET_CHARS;

impl Fingerprint {
    fn of(bytes: &[u8]) -> Self {
        Self {
            length: bytes.len(),
            full: hash(bytes),
            prefix: hash(&bytes[..PREFIX_BYTES.min(bytes.len())]),
        }
    }
}

#[derive(Default)]
struct Registry {
    /// Insertion order, for forgetting the oldest.
    order: VecDeque<Fingerprint>,
    known: HashSet<Fingerprint>,
    /// Registered values by the hash of their first bytes: `redact` slides one window of
    /// [`PREFIX_BYTES`] over a text, whatever the number of secrets, and checks whole values only
    /// where a prefix matches.
    by_prefix: HashMap<u64, Vec<Fingerprint>>,
    /// One bit per low 16 bits of a registered prefix hash: most windows are ruled out by one bit
    /// test before any map lookup.
    prefix_bits: Vec<u64>,
    /// Values declared public ([`declare_public`]): never registered.
    public: HashSet<(usize, u64)>,
    /// Values given to [`register`] whose every form is known: registering one again (every
    /// `expose`, every frame) returns before anything is derived. Emptied whenever a fingerprint
    /// is forgotten — a forgotten form may have been any value's.
    registered: HashSet<Fingerprint>,
}

impl Registry {
    /// Registers `value` and its forms (see [`register`]); `false`, with nothing derived, when it
    /// is already registered.
    fn register(&mut self, value: &str) -> bool {
        let whole = Fingerprint::of(value.as_bytes());
        if self.registered.contains(&whole) {
            return false;
        }
        self.add_forms(value);
        let trimmed = value.trim();
        if trimmed.len() != value.len() {
            self.add_forms(trimmed);
        }
        if self.registered.len() >= MAX_FINGERPRINTS {
            self.registered.clear();
        }
        self.registered.insert(whole);
        true
    }

    /// Adds `value` as it is, percent-encoded and JSON-escaped. The derived forms are built in
    /// buffers sized for the longest outcome (no reallocation leaves a copy behind) and wiped when
    /// they are dropped.
    fn add_forms(&mut self, value: &str) {
        if value.chars().count() < MIN_SECRET_CHARS {
            return;
        }
        self.add(Fingerprint::of(value.as_bytes()));
        // A byte becomes at most `%XX`.
        let mut encoded = Zeroizing::new(String::with_capacity(3 * value.len()));
        encoded.extend(url::form_urlencoded::byte_serialize(value.as_bytes()));
        if encoded.as_str() != value {
            self.add(Fingerprint::of(encoded.as_bytes()));
        }
        // A byte becomes at most `\u00XX`; two quotes around.
        let mut json = Zeroizing::new(Vec::with_capacity(6 * value.len() + 2));
        if serde_json::to_writer(&mut *json, value).is_ok() && json.len() >= 2 {
            let escaped = &json[1..json.len() - 1];
            if escaped != value.as_bytes() {
                self.add(Fingerprint::of(escaped));
            }
        }
    }

    fn add(&mut self, fingerprint: Fingerprint) {
        if fingerprint.length < PREFIX_BYTES
            || self
                .public
                .contains(&(fingerprint.length, fingerprint.full))
            || !self.known.insert(fingerprint)
        {
            return;
        }
        self.order.push_back(fingerprint);
        self.by_prefix
            .entry(fingerprint.prefix)
            .or_default()
            .push(fingerprint);
        if self.prefix_bits.is_empty() {
            self.prefix_bits = vec![0; PREFIX_BITS_WORDS];
        }
        let bit = (fingerprint.prefix & 0xFFFF) as usize;
        self.prefix_bits[bit / 64] |= 1 << (bit % 64);
        if self.order.len() > MAX_FINGERPRINTS
            && let Some(&oldest) = self.order.front()
        {
            self.forget(oldest);
        }
    }

    fn forget(&mut self, fingerprint: Fingerprint) {
        self.registered.clear();
        if !self.known.remove(&fingerprint) {
            return;
        }
        self.order.retain(|known| *known != fingerprint);
        if let Some(candidates) = self.by_prefix.get_mut(&fingerprint.prefix) {
            candidates.retain(|known| *known != fingerprint);
            if candidates.is_empty() {
                self.by_prefix.remove(&fingerprint.prefix);
            }
        }
    }
}

/// Declares `value` public: shown as it is even where it is used as a token. Only for values that
/// open nothing outside this process — the demo ONES token of the built-in stand-in, which the
/// demo banner and the README print on purpose.
pub fn declare_public(value: &str) {
    let mut registry = registry();
    let fingerprint = Fingerprint::of(value.as_bytes());
    registry.forget(fingerprint);
    registry
        .public
        .insert((fingerprint.length, fingerprint.full));
}

/// The registry, locked. A panic elsewhere while it was locked does not switch redaction off: the
/// registry is plain data, consistent after every statement that changes it.
fn registry() -> MutexGuard<'static, Registry> {
    static REGISTRY: OnceLock<Mutex<Registry>> = OnceLock::new();
    REGISTRY
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
}

/// The per-process hash key: the base of the rolling hash (odd, random).
fn base() -> u64 {
    static BASE: OnceLock<u64> = OnceLock::new();
    *BASE.get_or_init(|| {
        let mut bytes = [0u8; 8];
        // Without randomness a fixed odd base still works; only the fingerprints become
        // comparable across processes, which nothing outside this process ever sees.
        let _ = getrandom::fill(&mut bytes);
        u64::from_le_bytes(bytes) | 0x1_0000_0001
    })
}

/// The rolling hash of `bytes` (polynomial in `base`, wrapping arithmetic).
fn hash(bytes: &[u8]) -> u64 {
    let base = base();
    bytes.iter().fold(0u64, |hash, byte| {
        hash.wrapping_mul(base).wrapping_add(u64::from(*byte) + 1)
    })
}

/// Remembers `value` (and the forms a server may quote it in, and its trimmed form) so that
/// [`redact`] hides it from every output. Cheap when the value is already known: one hash of it, no
/// copy; values shorter than [`MIN_SECRET_CHARS`] are ignored.
pub fn register(value: &str) {
    if value.chars().count() < MIN_SECRET_CHARS {
        return;
    }
    registry().register(value);
}

/// `text` with every registered secret replaced by `<redacted>`. Borrowed when nothing matched.
pub fn redact(text: &str) -> Cow<'_, str> {
    let registry = registry();
    if registry.known.is_empty() {
        return Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    if bytes.len() < PREFIX_BYTES {
        return Cow::Borrowed(text);
    }
    // Byte ranges to hide: one window of PREFIX_BYTES slides over the text (Rabin–Karp); where its
    // hash is a registered prefix, the candidates are checked whole.
    let mut hidden: Vec<(usize, usize)> = Vec::new();
    let base = base();
    // base^(PREFIX_BYTES-1), to take the leaving byte out of the window.
    let high = (1..PREFIX_BYTES).fold(1u64, |power, _| power.wrapping_mul(base));
    let mut window = hash(&bytes[..PREFIX_BYTES]);
    for start in 0..=bytes.len() - PREFIX_BYTES {
        if start > 0 {
            let leaving = u64::from(bytes[start - 1]) + 1;
            let entering = u64::from(bytes[start + PREFIX_BYTES - 1]) + 1;
            window = window
                .wrapping_sub(leaving.wrapping_mul(high))
                .wrapping_mul(base)
                .wrapping_add(entering);
        }
        let bit = (window & 0xFFFF) as usize;
        if registry.prefix_bits[bit / 64] & (1 << (bit % 64)) == 0 {
            continue;
        }
        let Some(candidates) = registry.by_prefix.get(&window) else {
            continue;
        };
        for candidate in candidates {
            let end = start + candidate.length;
            if end <= bytes.len()
                && hash(&bytes[start..end]) == candidate.full
                && text.is_char_boundary(start)
                && text.is_char_boundary(end)
            {
                hidden.push((start, end));
            }
        }
    }
    drop(registry);
    if hidden.is_empty() {
        return Cow::Borrowed(text);
    }
    hidden.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut position = 0;
    for (start, end) in hidden {
        if end <= position {
            continue;
        }
        if start >= position {
            out.push_str(&text[position..start]);
            out.push_str(REDACTED);
        }
        // An overlapping match extends the hidden range without a second marker.
        position = end;
    }
    out.push_str(&text[position..]);
    Cow::Owned(out)
}

/// Whether `c` must not reach a terminal as it is: C0 and C1 controls (escape sequences, screen
/// clearing, title changes) other than newline and tab, DEL, and the bidirectional overrides and
/// isolates that make a line read differently from what it is.
pub fn is_unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// `text` for a terminal: each unsafe character (see [`is_unsafe_char`]) written as `\uXXXX`. The
/// same spelling is a valid JSON escape of the same character, so JSON output stays valid and
/// means the same.
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_unsafe_char(c) {
            out.push_str(&format!("\\u{:04X}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Redacted and terminal-safe: what every line the CLI prints goes through.
pub fn for_output(text: &str) -> String {
    for_terminal(&redact(text)).into_owned()
}

/// A writer that passes everything through [`for_output`] line by line (a secret is never split
/// across two writes of a line). Whatever is left without a newline goes out on `flush`.
pub struct OutputWriter<W: std::io::Write> {
    inner: W,
    line: Vec<u8>,
}

impl<W: std::io::Write> OutputWriter<W> {
    pub fn new(inner: W) -> Self {
        Self {
            inner,
            line: Vec::new(),
        }
    }

    fn emit(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        let text = String::from_utf8_lossy(bytes);
        self.inner.write_all(for_output(&text).as_bytes())
    }
}

impl<W: std::io::Write> std::io::Write for OutputWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.line.extend_from_slice(buf);
        while let Some(end) = self.line.iter().position(|byte| *byte == b'\n') {
            let rest = self.line.split_off(end + 1);
            let line = std::mem::replace(&mut self.line, rest);
            self.emit(&line)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.line.is_empty() {
            let line = std::mem::take(&mut self.line);
            self.emit(&line)?;
        }
        self.inner.flush()
    }
}

impl<W: std::io::Write> Drop for OutputWriter<W> {
    fn drop(&mut self) {
        let _ = std::io::Write::flush(self);
    }
}

/// A `tracing` writer factory whose lines pass through [`for_output`].
#[derive(Clone, Copy, Debug, Default)]
pub struct LogWriter;

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for LogWriter {
    type Writer = OutputWriter<std::io::Stderr>;

    fn make_writer(&'a self) -> Self::Writer {
        OutputWriter::new(std::io::stderr())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_registered_secret_is_hidden_wherever_it_appears() {
        register("Zx8Q~unit-test-secret-value");
        let text = "invalid secret 'Zx8Q~unit-test-secret-value' (was Zx8Q~unit-test-secret-value)";
        assert_eq!(redact(text), "invalid secret '<redacted>' (was <redacted>)");
        assert_eq!(redact("nothing here"), "nothing here");
    }

    #[test]
    fn the_percent_encoded_and_json_forms_are_hidden_too() {
        register("Ab8Q~with space\"and+quote");
        assert_eq!(
            redact("client_secret=Ab8Q%7Ewith+space%22and%2Bquote&x=1"),
            "client_secret=<redacted>&x=1"
        );
        assert_eq!(
            redact(r#"{"echo":"Ab8Q~with space\"and+quote"}"#),
            r#"{"echo":"<redacted>"}"#
        );
    }

    #[test]
    fn the_trimmed_form_of_a_secret_with_surrounding_whitespace_is_hidden_too() {
        // Read from a file or the environment with its newline; the checks send it trimmed.
        register("  Tr8Q~trimmed+secret value\n");
        assert_eq!(
            redact("AADSTS7000215: Invalid client secret 'Tr8Q~trimmed+secret value'."),
            "AADSTS7000215: Invalid client secret '<redacted>'."
        );
        assert_eq!(
            redact("client_secret=Tr8Q%7Etrimmed%2Bsecret+value&scope=x"),
            "client_secret=<redacted>&scope=x"
        );
    }

    #[test]
    fn a_public_value_is_never_hidden() {
        declare_public("public-demo-token-unit");
        register("public-demo-token-unit");
        assert_eq!(
            redact("token public-demo-token-unit"),
            "token public-demo-token-unit"
        );
    }

    #[test]
    fn a_registry_poisoned_by_a_panic_still_redacts() {
        let _ = std::thread::spawn(|| {
            let _registry = registry();
            panic!("a panic while the registry is locked (on purpose)");
        })
        .join();
        register("Po8Q~after-a-poisoning-panic");
        assert_eq!(
            redact("echo Po8Q~after-a-poisoning-panic"),
            "echo <redacted>"
        );
        declare_public("public-after-a-poisoning-panic");
        register("public-after-a-poisoning-panic");
        assert_eq!(
            redact("public-after-a-poisoning-panic"),
            "public-after-a-poisoning-panic"
        );
    }

    #[test]
    fn registering_a_known_value_again_derives_nothing() {
        let mut registry = Registry::default();
        assert!(registry.register(" Kn8Q~known \"value\"+again\n"));
        // The value, its two encodings, the trimmed value and its two encodings.
        assert_eq!(registry.known.len(), 6);
        assert!(!registry.register(" Kn8Q~known \"value\"+again\n"));
        assert_eq!(registry.known.len(), 6);
        // Forgetting any fingerprint makes the next registration check every form again.
        registry.forget(Fingerprint::of(b"Kn8Q~known \"value\"+again"));
        assert!(registry.register(" Kn8Q~known \"value\"+again\n"));
        assert_eq!(registry.known.len(), 6);
    }

    #[test]
    fn short_values_are_not_registered() {
        register("abc");
        assert_eq!(redact("abc abc"), "abc abc");
    }

    #[test]
    fn overlapping_matches_give_one_marker_and_unicode_stays_whole() {
        register("密钥-unit-overlap-秘密");
        assert_eq!(
            redact("前 密钥-unit-overlap-秘密密钥-unit-overlap-秘密 后"),
            "前 <redacted><redacted> 后"
        );
    }

    #[test]
    fn control_and_bidi_characters_become_visible_escapes() {
        assert_eq!(
            for_terminal("a\u{1b}]0;title\u{7}b\u{202E}c\nd\te"),
            "a\\u001B]0;title\\u0007b\\u202Ec\nd\te"
        );
        assert!(matches!(for_terminal("plain 中文"), Cow::Borrowed(_)));
        // The escape is valid JSON for the same character.
        let json = format!("\"{}\"", for_terminal("x\u{202E}y\u{85}z"));
        assert_eq!(
            serde_json::from_str::<String>(&json).unwrap(),
            "x\u{202E}y\u{85}z"
        );
    }

    #[test]
    fn the_writer_redacts_across_split_writes() {
        use std::io::Write;
        register("Qw8Q~split-across-writes");
        let mut out = Vec::new();
        {
            let mut writer = OutputWriter::new(&mut out);
            write!(writer, "echo: Qw8Q~split-").unwrap();
            writeln!(writer, "across-writes done").unwrap();
            write!(writer, "prompt \u{1b}[2J?").unwrap();
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "echo: <redacted> done\nprompt \\u001B[2J?"
        );
    }
}

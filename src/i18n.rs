//! Languages: English, Simplified Chinese and Traditional Chinese, one catalogue per language in
//! `assets/locales/` (rust-i18n, compiled in). The default comes from the OS locale; the GUI lets
//! the user switch at any time and remembers the choice. Machine-readable output (`--json`) always
//! stays English: domain messages carry a [`Text`] that renders in any language on demand.
//!
//! Keys are dotted (`gui.nav.next`); arguments use `%{name}`. A test checks that every catalogue
//! has exactly the same keys.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Language {
    #[default]
    #[serde(rename = "en")]
    English,
    #[serde(rename = "zh-CN")]
    SimplifiedChinese,
    #[serde(rename = "zh-TW")]
    TraditionalChinese,
}

impl Language {
    pub const ALL: [Language; 3] = [
        Language::English,
        Language::SimplifiedChinese,
        Language::TraditionalChinese,
    ];

    /// The catalogue's locale code (also its file name in `assets/locales/`).
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::SimplifiedChinese => "zh-CN",
            Language::TraditionalChinese => "zh-TW",
        }
    }

    /// The language's name in itself, for the language menu.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::SimplifiedChinese => "简体中文",
            Language::TraditionalChinese => "繁體中文",
        }
    }

    /// The language for a BCP 47 / POSIX locale such as `zh-CN`, `zh_TW.UTF-8`, `zh-Hant-HK`,
    /// `en-US`: Traditional for Taiwan, Hong Kong, Macau and `Hant`; Simplified for other Chinese;
    /// English otherwise.
    pub fn from_locale(locale: &str) -> Language {
        let lower = locale.to_ascii_lowercase().replace('_', "-");
        let lower = lower.split('.').next().unwrap_or_default();
        if !(lower == "zh" || lower.starts_with("zh-")) {
            return Language::English;
        }
        let traditional = ["hant", "tw", "hk", "mo"];
        if lower
            .split('-')
            .skip(1)
            .any(|part| traditional.contains(&part))
        {
            Language::TraditionalChinese
        } else {
            Language::SimplifiedChinese
        }
    }

    /// The OS's preferred language (`ONES_M365_LANG` overrides it, e.g. for scripts and tests).
    pub fn from_environment() -> Language {
        if let Ok(code) = std::env::var("ONES_M365_LANG")
            && !code.trim().is_empty()
        {
            return Language::from_locale(&code);
        }
        sys_locale::get_locale()
            .map(|locale| Language::from_locale(&locale))
            .unwrap_or_default()
    }

    pub fn parse(code: &str) -> Option<Language> {
        Language::ALL
            .into_iter()
            .find(|language| language.code().eq_ignore_ascii_case(code.trim()))
    }
}

/// Makes `language` the one [`tr`] and the GUI speak (process-wide).
pub fn set_language(language: Language) {
    rust_i18n::set_locale(language.code());
}

/// The language [`tr`] currently speaks.
pub fn current_language() -> Language {
    Language::parse(&rust_i18n::locale()).unwrap_or_default()
}

/// The text of `key` in the current language, with `%{name}` arguments replaced.
pub fn tr(key: &str, args: &[(&str, &str)]) -> String {
    tr_in(current_language(), key, args)
}

/// The text of `key` in `language`.
pub fn tr_in(language: Language, key: &str, args: &[(&str, &str)]) -> String {
    let template = rust_i18n::t!(key, locale = language.code());
    if args.is_empty() {
        return template.into_owned();
    }
    let names: Vec<&str> = args.iter().map(|(name, _)| *name).collect();
    let values: Vec<String> = args.iter().map(|(_, value)| (*value).to_owned()).collect();
    // Arguments carry what servers and documents said: the output boundary's redaction step.
    crate::redact::redact(&rust_i18n::replace_patterns(&template, &names, &values)).into_owned()
}

/// A message that can be rendered in any language later: a catalogue key and its arguments.
/// Domain code builds these; the GUI renders them in the user's language, JSON in English (its
/// `Serialize` writes the English rendering, through the redaction step like every rendering).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    key: &'static str,
    args: Vec<(&'static str, Arg)>,
}

/// What every result tells the user: a summary and, when something is to be done, a fix. Check
/// results, room results and sign-in verdicts share it, so each renders the same way in JSON and
/// reports (English) and on screen (the current language).
pub trait SummaryAndFix {
    fn summary_text(&self) -> &Text;
    fn fix_text(&self) -> Option<&Text>;
    fn summary_and_fix_mut(&mut self) -> (&mut Text, &mut Option<Text>);

    /// The summary in English (JSON, the report, tests).
    fn summary(&self) -> String {
        self.summary_text().english()
    }

    /// What to do, in English.
    fn fix(&self) -> Option<String> {
        self.fix_text().map(Text::english)
    }

    /// The summary in the current language.
    fn localized_summary(&self) -> String {
        self.summary_text().localized()
    }

    /// What to do, in the current language.
    fn localized_fix(&self) -> Option<String> {
        self.fix_text().map(Text::localized)
    }

    fn set_summary(&mut self, summary: Text) {
        *self.summary_and_fix_mut().0 = summary;
    }

    fn set_fix(&mut self, fix: Text) {
        *self.summary_and_fix_mut().1 = Some(fix);
    }
}

/// Implements [`SummaryAndFix`] for a type with the fields `summary: Text` and `fix: Option<Text>`.
#[macro_export]
macro_rules! summary_and_fix_fields {
    ($type:ty) => {
        impl $crate::i18n::SummaryAndFix for $type {
            fn summary_text(&self) -> &$crate::i18n::Text {
                &self.summary
            }
            fn fix_text(&self) -> Option<&$crate::i18n::Text> {
                self.fix.as_ref()
            }
            fn summary_and_fix_mut(
                &mut self,
            ) -> (&mut $crate::i18n::Text, &mut Option<$crate::i18n::Text>) {
                (&mut self.summary, &mut self.fix)
            }
        }
    };
}

/// One argument of a [`Text`]: a value shown as it is, or another text rendered in the same
/// language as the one it is part of.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Arg {
    Plain(String),
    Text(Text),
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.english())
    }
}

impl Text {
    pub fn new(key: &'static str) -> Self {
        Self {
            key,
            args: Vec::new(),
        }
    }

    /// "1 room" / "3 rooms": the key for one or for any other count, with the count as `count`.
    pub fn counted(count: usize, one: &'static str, other: &'static str) -> Self {
        Self::new(if count == 1 { one } else { other }).arg("count", count)
    }

    pub fn arg(mut self, name: &'static str, value: impl fmt::Display) -> Self {
        self.args.push((name, Arg::Plain(value.to_string())));
        self
    }

    /// A text that is the same in every language (a server's own words, a value), for places
    /// that expect a [`Text`].
    pub fn verbatim(text: impl fmt::Display) -> Self {
        Text::new("checks.verbatim").arg("text", text)
    }

    /// An argument that is itself a catalogue text, rendered in the same language as `self`.
    pub fn arg_text(mut self, name: &'static str, value: Text) -> Self {
        self.args.push((name, Arg::Text(value)));
        self
    }

    /// `texts` one after the other as one text (sentences joined the way the language joins them).
    /// `None` when `texts` is empty.
    pub fn sentences(texts: impl IntoIterator<Item = Text>) -> Option<Text> {
        texts.into_iter().reduce(|first, second| {
            Text::new("checks.sentences")
                .arg_text("first", first)
                .arg_text("second", second)
        })
    }

    pub fn key(&self) -> &'static str {
        self.key
    }

    pub fn render(&self, language: Language) -> String {
        let rendered: Vec<(&str, std::borrow::Cow<'_, str>)> = self
            .args
            .iter()
            .map(|(name, value)| match value {
                Arg::Plain(value) => (*name, std::borrow::Cow::Borrowed(value.as_str())),
                Arg::Text(text) => (*name, std::borrow::Cow::Owned(text.render(language))),
            })
            .collect();
        let args: Vec<(&str, &str)> = rendered
            .iter()
            .map(|(name, value)| (*name, value.as_ref()))
            .collect();
        tr_in(language, self.key, &args)
    }

    pub fn english(&self) -> String {
        self.render(Language::English)
    }

    /// In the current language.
    pub fn localized(&self) -> String {
        self.render(current_language())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_map_to_languages() {
        assert_eq!(Language::from_locale("zh-CN"), Language::SimplifiedChinese);
        assert_eq!(
            Language::from_locale("zh_CN.UTF-8"),
            Language::SimplifiedChinese
        );
        assert_eq!(Language::from_locale("zh-SG"), Language::SimplifiedChinese);
        assert_eq!(Language::from_locale("zh"), Language::SimplifiedChinese);
        assert_eq!(Language::from_locale("zh-TW"), Language::TraditionalChinese);
        assert_eq!(
            Language::from_locale("zh-Hant-HK"),
            Language::TraditionalChinese
        );
        assert_eq!(Language::from_locale("zh_HK"), Language::TraditionalChinese);
        assert_eq!(Language::from_locale("zh-MO"), Language::TraditionalChinese);
        assert_eq!(Language::from_locale("en-US"), Language::English);
        assert_eq!(Language::from_locale("de-DE"), Language::English);
        assert_eq!(Language::from_locale(""), Language::English);
    }

    #[test]
    fn a_text_renders_in_any_language_regardless_of_the_current_one() {
        let text = Text::new("validation.text.too_long")
            .arg("count", 70)
            .arg("max", 64);
        assert!(text.english().contains("70"));
        assert!(text.render(Language::SimplifiedChinese).contains("70"));
        assert_ne!(text.english(), text.render(Language::SimplifiedChinese));
    }
}

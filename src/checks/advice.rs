//! The one data table from AADSTS codes to what the installer should do (docs/domain-facts.md §2.4), and
//! the portal page where that is done. The checks react on `error_codes`, never on the wording of
//! `error_description`; codes not in the table still show the raw code and Microsoft's own text.
//! No I/O.

use crate::cloud::PortalPage;
use crate::i18n::Text;

/// What one AADSTS code (or a family of codes) means and how to fix it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Advice {
    pub codes: &'static [u64],
    /// Catalogue key of what Microsoft said, in plain words.
    pub summary_key: &'static str,
    /// Catalogue key of what to do.
    pub fix_key: &'static str,
    /// The page of the app's registration where the fix is made, if any.
    pub page: Option<PortalPage>,
}

/// Every code of docs/domain-facts.md §2.4, in its order.
pub const ADVICE: &[Advice] = &[
    Advice {
        codes: &[90002],
        summary_key: "checks.aadsts.90002.summary",
        fix_key: "checks.aadsts.90002.fix",
        page: Some(PortalPage::Overview),
    },
    Advice {
        codes: &[900382],
        summary_key: "checks.aadsts.900382.summary",
        fix_key: "checks.aadsts.900382.fix",
        page: None,
    },
    Advice {
        codes: &[900023],
        summary_key: "checks.aadsts.900023.summary",
        fix_key: "checks.aadsts.900023.fix",
        page: Some(PortalPage::Overview),
    },
    Advice {
        codes: &[700016],
        summary_key: "checks.aadsts.700016.summary",
        fix_key: "checks.aadsts.700016.fix",
        page: Some(PortalPage::AppList),
    },
    Advice {
        codes: &[7000215],
        summary_key: "checks.aadsts.7000215.summary",
        fix_key: "checks.aadsts.7000215.fix",
        page: Some(PortalPage::CertificatesSecrets),
    },
    Advice {
        codes: &[7000222],
        summary_key: "checks.aadsts.7000222.summary",
        fix_key: "checks.aadsts.7000222.fix",
        page: Some(PortalPage::CertificatesSecrets),
    },
    Advice {
        codes: &[7000218],
        summary_key: "checks.aadsts.7000218.summary",
        fix_key: "checks.aadsts.7000218.fix",
        page: Some(PortalPage::CertificatesSecrets),
    },
    Advice {
        codes: &[7000112],
        summary_key: "checks.aadsts.7000112.summary",
        fix_key: "checks.aadsts.7000112.fix",
        page: Some(PortalPage::Overview),
    },
    Advice {
        codes: &[7000229],
        summary_key: "checks.aadsts.7000229.summary",
        fix_key: "checks.aadsts.7000229.fix",
        page: Some(PortalPage::Overview),
    },
    Advice {
        codes: &[500011],
        summary_key: "checks.aadsts.500011.summary",
        fix_key: "checks.aadsts.500011.fix",
        page: None,
    },
    Advice {
        codes: &[50011, 70004],
        summary_key: "checks.aadsts.50011.summary",
        fix_key: "checks.aadsts.50011.fix",
        page: Some(PortalPage::Authentication),
    },
    Advice {
        codes: &[500113],
        summary_key: "checks.aadsts.500113.summary",
        fix_key: "checks.aadsts.500113.fix",
        page: Some(PortalPage::Authentication),
    },
    Advice {
        codes: &[700025],
        summary_key: "checks.aadsts.700025.summary",
        fix_key: "checks.aadsts.700025.fix",
        page: Some(PortalPage::Authentication),
    },
    Advice {
        codes: &[9002326, 9002327],
        summary_key: "checks.aadsts.9002326.summary",
        fix_key: "checks.aadsts.9002326.fix",
        page: Some(PortalPage::Authentication),
    },
    Advice {
        codes: &[65001, 90094, 65004],
        summary_key: "checks.aadsts.65001.summary",
        fix_key: "checks.aadsts.65001.fix",
        page: Some(PortalPage::ApiPermissions),
    },
    Advice {
        codes: &[50076, 50079, 53003],
        summary_key: "checks.aadsts.50076.summary",
        fix_key: "checks.aadsts.50076.fix",
        page: None,
    },
    Advice {
        codes: &[50126, 50034, 50057],
        summary_key: "checks.aadsts.50126.summary",
        fix_key: "checks.aadsts.50126.fix",
        page: None,
    },
    Advice {
        codes: &[54005],
        summary_key: "checks.aadsts.54005.summary",
        fix_key: "checks.aadsts.54005.fix",
        page: None,
    },
    Advice {
        codes: &[50148],
        summary_key: "checks.aadsts.50148.summary",
        fix_key: "checks.aadsts.50148.fix",
        page: None,
    },
    Advice {
        codes: &[70008, 700082, 50173],
        summary_key: "checks.aadsts.70008.summary",
        fix_key: "checks.aadsts.70008.fix",
        page: None,
    },
];

impl Advice {
    /// What Microsoft said, in plain words, in any language.
    pub fn summary_text(&self) -> Text {
        Text::new(self.summary_key)
    }

    /// What to do, in any language.
    pub fn fix_text(&self) -> Text {
        Text::new(self.fix_key)
    }
}

/// The advice for `code`, if the table knows it.
pub fn advice_for(code: u64) -> Option<&'static Advice> {
    ADVICE.iter().find(|advice| advice.codes.contains(&code))
}

/// What a refusal by Microsoft means to a person: a summary, what to do and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    pub summary: Text,
    pub fix: Text,
    pub page: Option<PortalPage>,
}

impl Explanation {
    fn new(summary: Text, fix: Text, page: Option<PortalPage>) -> Self {
        Self { summary, fix, page }
    }
}

/// The one place a refusal becomes sentences: the table's advice for a known `code`; for an unknown
/// code or none, Microsoft's own `error` and `description` shown as they are, with how to get help.
pub fn explain_refusal(code: Option<u64>, error: &str, description: Option<&str>) -> Explanation {
    let description = description.map(str::trim).filter(|text| !text.is_empty());
    let with_description = |text: Text| match description {
        Some(description) => text.arg("description", description),
        None => text.arg_text("description", Text::new("checks.refusal.no_description")),
    };
    match (code.and_then(advice_for), code) {
        (Some(advice), _) => {
            Explanation::new(advice.summary_text(), advice.fix_text(), advice.page)
        }
        (None, Some(code)) => Explanation::new(
            with_description(Text::new("checks.refusal.unknown_code.summary").arg("code", code)),
            Text::new("checks.refusal.unknown_code.fix"),
            None,
        ),
        (None, None) => Explanation::new(
            with_description(Text::new("checks.refusal.no_code.summary").arg("error", error)),
            Text::new("checks.refusal.no_code.fix"),
            None,
        ),
    }
}

/// The AADSTS code at the start of a text such as `AADSTS65001: The user or administrator …` — the
/// only code an error sent back to a redirect URI carries (it has no `error_codes`). Reads the
/// code tag only, never the wording.
pub fn aadsts_code_in(text: &str) -> Option<u64> {
    let start = text.find("AADSTS")? + "AADSTS".len();
    let digits: String = text[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_of_the_domain_table_is_known() {
        let codes = [
            90002, 900382, 900023, 700016, 7000215, 7000222, 7000218, 7000112, 7000229, 500011,
            50011, 70004, 500113, 700025, 9002326, 9002327, 65001, 90094, 65004, 50076, 50079,
            53003, 50126, 50034, 50057, 54005, 70008, 700082, 50173, 50148,
        ];
        for code in codes {
            assert!(advice_for(code).is_some(), "AADSTS{code} has no advice");
        }
        assert_eq!(advice_for(1), None);
    }

    #[test]
    fn refusals_become_sentences_known_or_not() {
        let known = explain_refusal(Some(65001), "invalid_grant", None);
        assert!(known.fix.english().contains("Calendars.ReadWrite.Shared"));
        assert_eq!(known.page, Some(PortalPage::ApiPermissions));
        let unknown = explain_refusal(Some(1234567), "invalid_grant", Some("AADSTS1234567: odd"));
        assert!(unknown.summary.english().contains("AADSTS1234567"));
        assert!(unknown.summary.english().contains("odd"));
        let none = explain_refusal(None, "server_error", None);
        assert!(none.summary.english().contains("\"server_error\""));
    }

    #[test]
    fn the_code_of_a_redirect_error_is_read_from_its_tag() {
        assert_eq!(
            aadsts_code_in("AADSTS65001: The user or administrator has not consented"),
            Some(65001)
        );
        assert_eq!(
            aadsts_code_in("Error AADSTS50076: Due to a configuration change"),
            Some(50076)
        );
        assert_eq!(aadsts_code_in("AADSTS: nothing"), None);
        assert_eq!(aadsts_code_in("no code"), None);
    }

    #[test]
    fn every_entry_has_its_sentences_in_every_language() {
        use crate::i18n::Language;
        for advice in ADVICE {
            for (text, key) in [
                (advice.summary_text(), advice.summary_key),
                (advice.fix_text(), advice.fix_key),
            ] {
                let english = text.english();
                // A missing key renders as the key itself.
                assert_ne!(english, key);
                for language in [Language::SimplifiedChinese, Language::TraditionalChinese] {
                    assert_ne!(text.render(language), english, "{english}");
                }
            }
        }
    }

    #[test]
    fn no_code_is_listed_twice() {
        let mut seen = Vec::new();
        for code in ADVICE.iter().flat_map(|advice| advice.codes) {
            assert!(!seen.contains(code), "AADSTS{code} listed twice");
            seen.push(*code);
        }
    }
}

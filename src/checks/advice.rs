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
    /// Catalogue keys of [`Advice::summary`] and [`Advice::fix`] (their English is the same text).
    pub summary_key: &'static str,
    pub fix_key: &'static str,
    /// What Microsoft said, in plain words.
    pub summary: &'static str,
    /// What to do.
    pub fix: &'static str,
    /// The page of the app's registration where the fix is made, if any.
    pub page: Option<PortalPage>,
}

/// Every code of docs/domain-facts.md §2.4, in its order.
pub const ADVICE: &[Advice] = &[
    Advice {
        codes: &[90002],
        summary_key: "checks.aadsts.90002.summary",
        fix_key: "checks.aadsts.90002.fix",
        summary: "Microsoft does not know this tenant in this cloud.",
        fix: "Copy the Directory (tenant) ID again from the app's Overview page — or the tenant lives in the \
              other cloud: check the Microsoft 365 service operator.",
        page: Some(PortalPage::Overview),
    },
    Advice {
        codes: &[900382],
        summary_key: "checks.aadsts.900382.summary",
        fix_key: "checks.aadsts.900382.fix",
        summary: "Microsoft will not serve a tenant of another cloud to this app through the global sign-in host.",
        fix: "The tenant lives in the 21Vianet cloud: switch the service operator to 21Vianet.",
        page: None,
    },
    Advice {
        codes: &[900023],
        summary_key: "checks.aadsts.900023.summary",
        fix_key: "checks.aadsts.900023.fix",
        summary: "The tenant ID is malformed.",
        fix: "The GUID is cut short or has extra characters; copy Directory (tenant) ID again from the app's \
              Overview page.",
        page: Some(PortalPage::Overview),
    },
    Advice {
        codes: &[700016],
        summary_key: "checks.aadsts.700016.summary",
        fix_key: "checks.aadsts.700016.fix",
        summary: "Microsoft found no app with this Application (client) ID in this tenant.",
        fix: "Copy the Application (client) ID again from the app's Overview page; check the app was \
              registered in this tenant (not another directory).",
        page: Some(PortalPage::AppList),
    },
    Advice {
        codes: &[7000215],
        summary_key: "checks.aadsts.7000215.summary",
        fix_key: "checks.aadsts.7000215.fix",
        summary: "Microsoft rejected the client secret.",
        fix: "Paste the secret's Value, not its Secret ID; check it is complete and has no spaces. A secret \
              created minutes ago may not work yet — wait a few minutes and check again.",
        page: Some(PortalPage::CertificatesSecrets),
    },
    Advice {
        codes: &[7000222],
        summary_key: "checks.aadsts.7000222.summary",
        fix_key: "checks.aadsts.7000222.fix",
        summary: "The client secret has expired.",
        fix: "Create a new client secret, paste its Value and its new expiry date, and update it in ONES.",
        page: Some(PortalPage::CertificatesSecrets),
    },
    Advice {
        codes: &[7000218],
        summary_key: "checks.aadsts.7000218.summary",
        fix_key: "checks.aadsts.7000218.fix",
        summary: "No client secret was sent.",
        fix: "Fill in the client secret: the Value of a secret under Certificates & secrets.",
        page: Some(PortalPage::CertificatesSecrets),
    },
    Advice {
        codes: &[7000112],
        summary_key: "checks.aadsts.7000112.summary",
        fix_key: "checks.aadsts.7000112.fix",
        summary: "The app is disabled in this tenant.",
        fix: "Re-enable it: Enterprise applications → this app → Properties → \"Enabled for users to sign-in?\" \
              → Yes (the Overview page links to it under \"Managed application in local directory\").",
        page: Some(PortalPage::Overview),
    },
    Advice {
        codes: &[7000229],
        summary_key: "checks.aadsts.7000229.summary",
        fix_key: "checks.aadsts.7000229.fix",
        summary: "The app has no service principal (enterprise application) in this tenant.",
        fix: "Create it: open the app's Overview and click \"Create Service Principal\" under \"Managed \
              application in local directory\" (apps created by script often lack one).",
        page: Some(PortalPage::Overview),
    },
    Advice {
        codes: &[500011],
        summary_key: "checks.aadsts.500011.summary",
        fix_key: "checks.aadsts.500011.fix",
        summary: "Microsoft Graph of this cloud was not found for the request.",
        fix: "The Graph scope belongs to the other cloud: check the Microsoft 365 service operator and any \
              ONES_M365_GRAPH_* override.",
        page: None,
    },
    Advice {
        codes: &[50011, 70004],
        summary_key: "checks.aadsts.50011.summary",
        fix_key: "checks.aadsts.50011.fix",
        summary: "This redirect URI is not registered for the app.",
        fix: "Add exactly this URI under Authentication → Add a platform → Web (the match is exact and \
              case-sensitive).",
        page: Some(PortalPage::Authentication),
    },
    Advice {
        codes: &[500113],
        summary_key: "checks.aadsts.500113.summary",
        fix_key: "checks.aadsts.500113.fix",
        summary: "The app has no redirect URI at all.",
        fix: "Add the redirect URI under Authentication → Add a platform → Web.",
        page: Some(PortalPage::Authentication),
    },
    Advice {
        codes: &[700025],
        summary_key: "checks.aadsts.700025.summary",
        fix_key: "checks.aadsts.700025.fix",
        summary: "The redirect URI is registered for a public client (Mobile and desktop applications).",
        fix: "Remove it there and register it under Authentication → Add a platform → Web.",
        page: Some(PortalPage::Authentication),
    },
    Advice {
        codes: &[9002326, 9002327],
        summary_key: "checks.aadsts.9002326.summary",
        fix_key: "checks.aadsts.9002326.fix",
        summary: "The redirect URI is registered as a Single-page application.",
        fix: "Remove it there and register it under Authentication → Add a platform → Web.",
        page: Some(PortalPage::Authentication),
    },
    Advice {
        codes: &[65001, 90094, 65004],
        summary_key: "checks.aadsts.65001.summary",
        fix_key: "checks.aadsts.65001.fix",
        summary: "Consent is missing, needs an administrator, or was declined.",
        fix: "Grant admin consent for Calendars.ReadWrite.Shared (API permissions → Grant admin consent).",
        page: Some(PortalPage::ApiPermissions),
    },
    Advice {
        codes: &[50076, 50079, 53003],
        summary_key: "checks.aadsts.50076.summary",
        fix_key: "checks.aadsts.50076.fix",
        summary: "A sign-in policy (MFA, MFA registration or Conditional Access) blocked the sign-in.",
        fix: "Ask the Entra administrator to adjust the sign-in policy for the service account (or exclude \
              it from the Conditional Access policy).",
        page: None,
    },
    Advice {
        codes: &[50126, 50034, 50057],
        summary_key: "checks.aadsts.50126.summary",
        fix_key: "checks.aadsts.50126.fix",
        summary: "The service account could not sign in (wrong password, no such user, or disabled).",
        fix: "Check the service account's user name and password and that the account is enabled.",
        page: None,
    },
    Advice {
        codes: &[54005],
        summary_key: "checks.aadsts.54005.summary",
        fix_key: "checks.aadsts.54005.fix",
        summary: "The authorization code was already redeemed.",
        fix: "Authorization codes are single-use: sign in again to get a new one.",
        page: None,
    },
    Advice {
        codes: &[50148],
        summary_key: "checks.aadsts.50148.summary",
        fix_key: "checks.aadsts.50148.fix",
        summary: "The PKCE code verifier did not match the sign-in it belongs to.",
        fix: "Start the sign-in again and finish it in the tab it opens; if it repeats, something between this \
              computer and Microsoft changed the request — report it with the trace ID.",
        page: None,
    },
    Advice {
        codes: &[70008, 700082, 50173],
        summary_key: "checks.aadsts.70008.summary",
        fix_key: "checks.aadsts.70008.fix",
        summary: "The refresh token (or code) has expired or was revoked.",
        fix: "Sign in again in ONES to get new tokens.",
        page: None,
    },
];

impl Advice {
    /// [`Advice::summary`] as a text that renders in any language.
    pub fn summary_text(&self) -> Text {
        Text::new(self.summary_key)
    }

    /// [`Advice::fix`] as a text that renders in any language.
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
    /// In English (JSON, reports).
    pub summary: String,
    pub fix: String,
    pub page: Option<PortalPage>,
    /// [`Explanation::summary`] and [`Explanation::fix`] for rendering in any language.
    pub summary_text: Text,
    pub fix_text: Text,
}

impl Explanation {
    fn new(summary: Text, fix: Text, page: Option<PortalPage>) -> Self {
        Self {
            summary: summary.english(),
            fix: fix.english(),
            page,
            summary_text: summary,
            fix_text: fix,
        }
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
        assert!(known.fix.contains("Calendars.ReadWrite.Shared"));
        assert_eq!(known.page, Some(PortalPage::ApiPermissions));
        let unknown = explain_refusal(Some(1234567), "invalid_grant", Some("AADSTS1234567: odd"));
        assert!(unknown.summary.contains("AADSTS1234567"));
        assert!(unknown.summary.contains("odd"));
        let none = explain_refusal(None, "server_error", None);
        assert!(none.summary.contains("\"server_error\""));
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
    fn the_catalogue_holds_the_tables_english_word_for_word() {
        for advice in ADVICE {
            assert_eq!(advice.summary_text().english(), advice.summary);
            assert_eq!(advice.fix_text().english(), advice.fix);
            assert_ne!(
                advice
                    .fix_text()
                    .render(crate::i18n::Language::SimplifiedChinese),
                advice.fix
            );
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

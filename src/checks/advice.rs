//! The one data table from AADSTS codes to what the installer should do (domain facts §2.4), and
//! the portal page where that is done. The checks react on `error_codes`, never on the wording of
//! `error_description`; codes not in the table still show the raw code and Microsoft's own text.
//! No I/O.

use crate::cloud::PortalPage;

/// What one AADSTS code (or a family of codes) means and how to fix it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Advice {
    pub codes: &'static [u64],
    /// What Microsoft said, in plain words.
    pub summary: &'static str,
    /// What to do.
    pub fix: &'static str,
    /// The page of the app's registration where the fix is made, if any.
    pub page: Option<PortalPage>,
}

/// Every code of domain facts §2.4, in its order.
pub const ADVICE: &[Advice] = &[
    Advice {
        codes: &[90002],
        summary: "Microsoft does not know this tenant in this cloud.",
        fix: "Copy the Directory (tenant) ID again from the app's Overview page — or the tenant lives in the \
              other cloud: check the Microsoft 365 service operator.",
        page: Some(PortalPage::Overview),
    },
    Advice {
        codes: &[900023],
        summary: "The tenant ID is malformed.",
        fix: "The GUID is cut short or has extra characters; copy Directory (tenant) ID again from the app's \
              Overview page.",
        page: Some(PortalPage::Overview),
    },
    Advice {
        codes: &[700016],
        summary: "Microsoft found no app with this Application (client) ID in this tenant.",
        fix: "Copy the Application (client) ID again from the app's Overview page; check the app was \
              registered in this tenant (not another directory).",
        page: Some(PortalPage::AppList),
    },
    Advice {
        codes: &[7000215],
        summary: "Microsoft rejected the client secret.",
        fix: "Paste the secret's Value, not its Secret ID; check it is complete and has no spaces. A secret \
              created minutes ago may not work yet — wait a few minutes and check again.",
        page: Some(PortalPage::CertificatesSecrets),
    },
    Advice {
        codes: &[7000222],
        summary: "The client secret has expired.",
        fix: "Create a new client secret, paste its Value and its new expiry date, and update it in ONES.",
        page: Some(PortalPage::CertificatesSecrets),
    },
    Advice {
        codes: &[7000218],
        summary: "No client secret was sent.",
        fix: "Fill in the client secret: the Value of a secret under Certificates & secrets.",
        page: Some(PortalPage::CertificatesSecrets),
    },
    Advice {
        codes: &[7000112],
        summary: "The app is disabled in this tenant.",
        fix: "Re-enable it: Enterprise applications → this app → Properties → \"Enabled for users to sign-in?\" \
              → Yes (the Overview page links to it under \"Managed application in local directory\").",
        page: Some(PortalPage::Overview),
    },
    Advice {
        codes: &[7000229],
        summary: "The app has no service principal (enterprise application) in this tenant.",
        fix: "Create it: open the app's Overview and click \"Create Service Principal\" under \"Managed \
              application in local directory\" (apps created by script often lack one).",
        page: Some(PortalPage::Overview),
    },
    Advice {
        codes: &[500011],
        summary: "Microsoft Graph of this cloud was not found for the request.",
        fix: "The Graph scope belongs to the other cloud: check the Microsoft 365 service operator and any \
              ONES_M365_GRAPH_* override.",
        page: None,
    },
    Advice {
        codes: &[50011, 70004],
        summary: "This redirect URI is not registered for the app.",
        fix: "Add exactly this URI under Authentication → Add a platform → Web (the match is exact and \
              case-sensitive).",
        page: Some(PortalPage::Authentication),
    },
    Advice {
        codes: &[500113],
        summary: "The app has no redirect URI at all.",
        fix: "Add the redirect URI under Authentication → Add a platform → Web.",
        page: Some(PortalPage::Authentication),
    },
    Advice {
        codes: &[700025],
        summary: "The redirect URI is registered for a public client (Mobile and desktop applications).",
        fix: "Remove it there and register it under Authentication → Add a platform → Web.",
        page: Some(PortalPage::Authentication),
    },
    Advice {
        codes: &[9002326, 9002327],
        summary: "The redirect URI is registered as a Single-page application.",
        fix: "Remove it there and register it under Authentication → Add a platform → Web.",
        page: Some(PortalPage::Authentication),
    },
    Advice {
        codes: &[65001, 90094, 65004],
        summary: "Consent is missing, needs an administrator, or was declined.",
        fix: "Grant admin consent for Calendars.ReadWrite.Shared (API permissions → Grant admin consent).",
        page: Some(PortalPage::ApiPermissions),
    },
    Advice {
        codes: &[50076, 50079, 53003],
        summary: "A sign-in policy (MFA, MFA registration or Conditional Access) blocked the sign-in.",
        fix: "Ask the Entra administrator to adjust the sign-in policy for the service account (or exclude \
              it from the Conditional Access policy).",
        page: None,
    },
    Advice {
        codes: &[50126, 50034, 50057],
        summary: "The service account could not sign in (wrong password, no such user, or disabled).",
        fix: "Check the service account's user name and password and that the account is enabled.",
        page: None,
    },
    Advice {
        codes: &[54005],
        summary: "The authorization code was already redeemed.",
        fix: "Authorization codes are single-use: sign in again to get a new one.",
        page: None,
    },
    Advice {
        codes: &[50148],
        summary: "The PKCE code verifier did not match the sign-in it belongs to.",
        fix: "Start the sign-in again and finish it in the tab it opens; if it repeats, something between this \
              computer and Microsoft changed the request — report it with the trace ID.",
        page: None,
    },
    Advice {
        codes: &[70008, 700082, 50173],
        summary: "The refresh token (or code) has expired or was revoked.",
        fix: "Sign in again in ONES to get new tokens.",
        page: None,
    },
];

/// The advice for `code`, if the table knows it.
pub fn advice_for(code: u64) -> Option<&'static Advice> {
    ADVICE.iter().find(|advice| advice.codes.contains(&code))
}

/// What a refusal by Microsoft means to a person: a summary, what to do and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    pub summary: String,
    pub fix: String,
    pub page: Option<PortalPage>,
}

/// The one place a refusal becomes sentences: the table's advice for a known `code`; for an unknown
/// code or none, Microsoft's own `error` and `description` shown as they are, with how to get help.
pub fn explain_refusal(code: Option<u64>, error: &str, description: Option<&str>) -> Explanation {
    let description = description
        .map(str::trim)
        .filter(|text| !text.is_empty())
        .unwrap_or("(no description)");
    match (code.and_then(advice_for), code) {
        (Some(advice), _) => Explanation {
            summary: advice.summary.to_owned(),
            fix: advice.fix.to_owned(),
            page: advice.page,
        },
        (None, Some(code)) => Explanation {
            summary: format!(
                "Microsoft refused with AADSTS{code}, which this assistant does not know yet: {description}"
            ),
            fix: "Open Microsoft's explanation of the code (link below); quote the trace ID when asking for help."
                .to_owned(),
            page: None,
        },
        (None, None) => Explanation {
            summary: format!(
                "Microsoft refused with \"{error}\" and no AADSTS code: {description}"
            ),
            fix: "Quote the trace ID when asking for help.".to_owned(),
            page: None,
        },
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
            90002, 900023, 700016, 7000215, 7000222, 7000218, 7000112, 7000229, 500011, 50011,
            70004, 500113, 700025, 9002326, 9002327, 65001, 90094, 65004, 50076, 50079, 53003,
            50126, 50034, 50057, 54005, 70008, 700082, 50173, 50148,
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
    fn no_code_is_listed_twice() {
        let mut seen = Vec::new();
        for code in ADVICE.iter().flat_map(|advice| advice.codes) {
            assert!(!seen.contains(code), "AADSTS{code} listed twice");
            seen.push(*code);
        }
    }
}

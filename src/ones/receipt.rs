//! [`Receipt`]: what an export stored on ONES, checked by reading it back — plain data (serde) plus
//! text and Markdown renderings for the installer's records. Carries no secret values and no token:
//! secrets appear only as "set, expires on …".
//!
//! The text and Markdown renderings stay in English whatever the user's language: a receipt is a
//! record for the installer's files and for helpdesk, like the diagnostic report.

use std::fmt::Write as _;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::client::{RemoteIntegration, ServerInfo};
use super::diff::{FieldChange, FieldValue, SecretChange};
use super::error::field_title;
use super::plan::{Applied, ExportOutcome, ExportPlan};
use crate::model::Field;

#[derive(Clone, Debug, Serialize)]
pub struct Receipt {
    pub integration_name: String,
    pub key: String,
    pub ones_url: String,
    pub ones_version: Option<String>,
    pub finished_at: DateTime<Utc>,
    pub outcome: ExportOutcome,
    /// The ETag ONES reported on read-back.
    pub etag: String,
    pub fields: Vec<ReceiptField>,
    pub secrets: Vec<ReceiptSecret>,
    /// Anything else the installer should know (a concurrent change, ONES's answer oddities).
    pub notes: Vec<String>,
}

/// One non-secret field: what was sent and what ONES returned.
#[derive(Clone, Debug, Serialize)]
pub struct ReceiptField {
    pub field: Field,
    pub path: &'static str,
    pub title: String,
    pub sent: FieldValue,
    pub stored: FieldValue,
    /// The export changed this field on ONES.
    pub changed: bool,
    /// `stored == sent`.
    pub verified: bool,
}

/// One client secret: never its value, only whether ONES stores one and until when.
#[derive(Clone, Debug, Serialize)]
pub struct ReceiptSecret {
    pub field: Field,
    pub path: &'static str,
    pub title: String,
    pub change: SecretChange,
    /// ONES reports a secret as stored.
    pub stored: bool,
    /// The expiry ONES reports.
    pub expires_on: Option<NaiveDate>,
    /// Stored, with the document's expiry.
    pub verified: bool,
}

impl ReceiptSecret {
    /// What the export did to this secret ("set", "replaced", "kept", "not sent"), as a text in
    /// any language: the one table for the window and the receipt's text and Markdown. `outcome`
    /// tells a replaced secret from one ONES found the same.
    pub fn done_text(&self, outcome: ExportOutcome) -> crate::i18n::Text {
        crate::i18n::Text::new(match (self.change, outcome) {
            (SecretChange::WillBeSet, _) => "ones.secret.done.set",
            (SecretChange::WillBeReplaced, ExportOutcome::Unchanged) => "ones.secret.done.same",
            (SecretChange::WillBeReplaced, _) => "ones.secret.done.replaced",
            (SecretChange::Unchanged, _) => "ones.secret.done.kept",
            (SecretChange::Missing, _) => "ones.secret.done.missing",
        })
    }
}

impl Receipt {
    /// Compares what `plan` sent with what ONES returned on read-back (`read`). Pure.
    pub fn compare(
        plan: &ExportPlan,
        applied: &Applied,
        read: &RemoteIntegration,
        server: &ServerInfo,
        finished_at: DateTime<Utc>,
    ) -> Self {
        let mut fields = Vec::new();
        let mut secrets = Vec::new();
        for diff in &plan.changes {
            let field = diff.field;
            match (&diff.change, FieldValue::of(&plan.document, field)) {
                (FieldChange::Secret { secret }, _) => {
                    let stored = read.secret_state(field).unwrap_or_default();
                    let expected_expiry = match field {
                        Field::ServerClientSecret => {
                            plan.document.server_app.client_secret_expires_on
                        }
                        _ => plan.document.sso_app.client_secret_expires_on,
                    };
                    secrets.push(ReceiptSecret {
                        field,
                        path: field.path(),
                        title: field_title(field),
                        change: *secret,
                        stored: stored.set,
                        expires_on: stored.expires_on,
                        verified: stored.set && stored.expires_on == expected_expiry,
                    });
                }
                (change, Some(sent)) => {
                    let stored = FieldValue::of(&read.document, field)
                        .unwrap_or(FieldValue::Text(String::new()));
                    fields.push(ReceiptField {
                        field,
                        path: field.path(),
                        title: field_title(field),
                        verified: stored == sent,
                        changed: change.is_change() && applied.outcome != ExportOutcome::Unchanged,
                        sent,
                        stored,
                    });
                }
                (_, None) => {}
            }
        }
        let mut notes = Vec::new();
        if read.etag != applied.stored.etag {
            notes.push(format!(
                "ONES's ETag changed between the export ({}) and the read-back ({}): someone saved this integration \
                 in the meantime. Review it again.",
                applied.stored.etag, read.etag
            ));
        }
        notes.extend(
            read.warnings
                .iter()
                .map(|warning| format!("ONES's answer: {warning}")),
        );
        Self {
            integration_name: plan.document.name.clone(),
            key: plan.key.clone(),
            ones_url: server.base_url.clone(),
            ones_version: server.version.clone(),
            finished_at,
            outcome: applied.outcome,
            etag: read.etag.clone(),
            fields,
            secrets,
            notes,
        }
    }

    /// Every field and secret read back as sent.
    pub fn is_verified(&self) -> bool {
        self.fields.iter().all(|field| field.verified)
            && self.secrets.iter().all(|secret| secret.verified)
    }

    /// The fields whose read-back differs from what was sent.
    pub fn mismatched_fields(&self) -> impl Iterator<Item = Field> + '_ {
        let fields = self
            .fields
            .iter()
            .filter(|field| !field.verified)
            .map(|field| field.field);
        fields.chain(
            self.secrets
                .iter()
                .filter(|secret| !secret.verified)
                .map(|secret| secret.field),
        )
    }

    fn summary(&self) -> String {
        let checked = self.fields.len() + self.secrets.len();
        let mismatched = self.mismatched_fields().count();
        if mismatched == 0 {
            format!("all {checked} fields read back as sent")
        } else {
            format!("{mismatched} of {checked} fields read back differently — see below")
        }
    }

    /// Plain text, for a terminal or a log.
    pub fn to_text(&self) -> String {
        let mut text = String::new();
        let _ = writeln!(text, "ONES export receipt — {}", self.integration_name);
        let _ = writeln!(
            text,
            "ONES server:  {}{}",
            self.ones_url,
            version_suffix(self.ones_version.as_deref())
        );
        let _ = writeln!(text, "Key:          {}", self.key);
        let _ = writeln!(text, "Result:       {}", self.outcome.describe());
        let _ = writeln!(
            text,
            "Finished:     {}",
            self.finished_at.format("%Y-%m-%d %H:%M:%S UTC")
        );
        let _ = writeln!(text, "ETag:         {}", self.etag);
        let _ = writeln!(text, "Read-back:    {}", self.summary());
        for field in &self.fields {
            let mark = if field.verified { "ok" } else { "MISMATCH" };
            let _ = write!(text, "  [{mark}] {}: {}", field.title, field.sent);
            if !field.verified {
                let _ = write!(text, " (ONES has {})", field.stored);
            }
            let _ = writeln!(text, "{}", if field.changed { "  (changed)" } else { "" });
        }
        for secret in &self.secrets {
            let mark = if secret.verified { "ok" } else { "MISMATCH" };
            let _ = writeln!(
                text,
                "  [{mark}] {}: {}",
                secret.title,
                self.secret_state(secret)
            );
        }
        for note in &self.notes {
            let _ = writeln!(text, "note: {note}");
        }
        text
    }

    /// Markdown, for a ticket or the hand-over document.
    pub fn to_markdown(&self) -> String {
        let mut text = String::new();
        let _ = writeln!(
            text,
            "# ONES export receipt — {}\n",
            escape_markdown(&self.integration_name)
        );
        let _ = writeln!(
            text,
            "- **ONES server:** {}{}",
            escape_markdown(&self.ones_url),
            version_suffix(self.ones_version.as_deref())
        );
        let _ = writeln!(
            text,
            "- **Integration key:** `{}`",
            self.key.replace('`', "'")
        );
        let _ = writeln!(text, "- **Result:** {}", self.outcome.describe());
        let _ = writeln!(
            text,
            "- **Finished:** {}",
            self.finished_at.format("%Y-%m-%d %H:%M:%S UTC")
        );
        let _ = writeln!(text, "- **ETag:** `{}`", self.etag.replace('`', "'"));
        let _ = writeln!(text, "- **Read-back:** {}\n", self.summary());
        let _ = writeln!(text, "| Field | Value | Read back |\n|---|---|---|");
        for field in &self.fields {
            let check = if field.verified {
                "✓".to_owned()
            } else {
                format!("✗ ONES has {}", escape_markdown(&field.stored.to_string()))
            };
            let _ = writeln!(
                text,
                "| {} | {}{} | {check} |",
                escape_markdown(&field.title),
                escape_markdown(&field.sent.to_string()),
                if field.changed { " *(changed)*" } else { "" }
            );
        }
        for secret in &self.secrets {
            let check = if secret.verified { "✓" } else { "✗" };
            let _ = writeln!(
                text,
                "| {} | {} | {check} |",
                escape_markdown(&secret.title),
                self.secret_state(secret)
            );
        }
        if !self.notes.is_empty() {
            let _ = writeln!(text, "\n## Notes\n");
            for note in &self.notes {
                let _ = writeln!(text, "- {}", escape_markdown(note));
            }
        }
        text
    }

    /// "set, expires on 2026-05-31 (replaced)" — never a value. What the export did is
    /// [`ReceiptSecret::done_text`], the same words the window shows, in English.
    fn secret_state(&self, secret: &ReceiptSecret) -> String {
        if !secret.stored {
            return "not stored on ONES".to_owned();
        }
        let expiry = secret
            .expires_on
            .map(|date| format!("expires on {date}"))
            .unwrap_or("no expiry date".to_owned());
        let action = secret.done_text(self.outcome).english();
        format!("set, {expiry} ({action})")
    }
}

fn version_suffix(version: Option<&str>) -> String {
    version
        .map(|version| format!(" (version {version})"))
        .unwrap_or_default()
}

/// Keeps table cells and list items intact: `|` and line breaks would break the Markdown.
fn escape_markdown(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn receipt(outcome: ExportOutcome, change: SecretChange) -> Receipt {
        Receipt {
            integration_name: "Head office".to_owned(),
            key: "head-office".to_owned(),
            ones_url: "https://ones.example.com".to_owned(),
            ones_version: None,
            finished_at: Utc::now(),
            outcome,
            etag: "\"1\"".to_owned(),
            fields: Vec::new(),
            secrets: vec![ReceiptSecret {
                field: Field::ServerClientSecret,
                path: Field::ServerClientSecret.path(),
                title: field_title(Field::ServerClientSecret),
                change,
                stored: true,
                expires_on: NaiveDate::from_ymd_opt(2027, 5, 31),
                verified: true,
            }],
            notes: Vec::new(),
        }
    }

    #[test]
    fn the_receipt_says_what_happened_to_a_secret_in_the_words_the_window_shows() {
        let cases = [
            (ExportOutcome::Created, SecretChange::WillBeSet, "set"),
            (
                ExportOutcome::Updated,
                SecretChange::WillBeReplaced,
                "replaced",
            ),
            (
                ExportOutcome::Unchanged,
                SecretChange::WillBeReplaced,
                "sent; same as stored",
            ),
            (ExportOutcome::Updated, SecretChange::Unchanged, "kept"),
            (ExportOutcome::Updated, SecretChange::Missing, "not sent"),
        ];
        for (outcome, change, words) in cases {
            let receipt = receipt(outcome, change);
            let secret = &receipt.secrets[0];
            assert_eq!(secret.done_text(outcome).english(), words);
            let line = format!("set, expires on 2027-05-31 ({words})");
            assert!(receipt.to_text().contains(&line), "{}", receipt.to_text());
            assert!(
                receipt.to_markdown().contains(&line),
                "{}",
                receipt.to_markdown()
            );
        }
    }
}

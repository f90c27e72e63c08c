//! The export's plan as plain data: what each field will become ([`ExportPlan`], computed without
//! a network once ONES's answers are fetched), what the export did ([`ExportOutcome`],
//! [`Applied`]). Neither the connection ([`super::flow`]) nor the receipt ([`super::receipt`]) is
//! needed to read it, so both use it without using each other.

use chrono::NaiveDate;
use serde::Serialize;

use super::client::{RemoteIntegration, parse_ones_url};
use super::contract::RedirectUris;
use super::diff::{FieldDiff, diff_fields, secret_is_typed};
use crate::i18n::{Language, Text};
use crate::model::{Field, Finding, IntegrationDocument, Severity, validate};

/// What an export will do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanAction {
    /// ONES has no integration with this key: it will be created.
    Create,
    /// ONES has it and at least one field (or typed secret) goes in.
    Update,
    /// ONES already has exactly this: nothing will be sent.
    NothingToChange,
}

impl PlanAction {
    /// `Integration "Head office" (key head-office) on https://… will be created.`
    pub fn headline_text(self, name: &str, key: &str, ones_url: &str) -> Text {
        Text::new(match self {
            PlanAction::Create => "ones.plan.headline.create",
            PlanAction::Update => "ones.plan.headline.update",
            PlanAction::NothingToChange => "ones.plan.headline.nothing",
        })
        .arg("name", name)
        .arg("key", key)
        .arg("ones_url", ones_url)
    }
}

/// The plan of an export: what will be sent, what it changes field by field, and what blocks it.
#[derive(Clone, Debug)]
pub struct ExportPlan {
    /// The integration key (from the name) the requests address.
    pub key: String,
    /// The ONES server the plan was made against.
    pub ones_url: String,
    /// Exactly what `apply` sends: the caller's document, with empty redirect URIs filled in from
    /// ONES. Empty secrets mean "keep the stored one".
    pub document: IntegrationDocument,
    pub redirect_uris: RedirectUris,
    /// What ONES stores now (`None`: nothing yet).
    pub remote: Option<RemoteIntegration>,
    /// Every field of [`Field::ALL`], in order.
    pub changes: Vec<FieldDiff>,
    /// Errors that block the export (validation errors and redirect URIs ONES does not use).
    pub problems: Vec<Finding>,
    /// Worth a look, never blocking.
    pub warnings: Vec<Finding>,
}

impl ExportPlan {
    /// Plans the export of `doc` given what ONES answered. Pure.
    pub fn new(
        doc: &IntegrationDocument,
        ones_url: &str,
        redirect_uris: RedirectUris,
        remote: Option<RemoteIntegration>,
        today: NaiveDate,
    ) -> Self {
        let mut document = doc.clone();
        let typed = doc.check_input();
        if typed.room_redirect_uri.is_empty() {
            document.room.redirect_uri = redirect_uris.room.clone();
        }
        if typed.sso_redirect_uri.is_empty() {
            document.sso_app.redirect_uri = redirect_uris.sso.clone();
        }
        // What is sent, trimmed once.
        let input = document.check_input();

        let mismatched_uris: Vec<(Field, Text)> = [
            (
                Field::RoomRedirectUri,
                input.room_redirect_uri,
                redirect_uris.room.as_str(),
            ),
            (
                Field::SsoRedirectUri,
                input.sso_redirect_uri,
                redirect_uris.sso.as_str(),
            ),
        ]
        .into_iter()
        .filter(|(_, ours, theirs)| ours != theirs)
        .map(|(field, ours, theirs)| {
            (
                field,
                Text::new("ones.plan.redirect_mismatch")
                    .arg("theirs", theirs)
                    .arg("ours", ours),
            )
        })
        .collect();

        let mut problems = Vec::new();
        let mut warnings = Vec::new();
        for finding in validate(&document, today).findings {
            let stored_secret_kept = remote
                .as_ref()
                .and_then(|remote| remote.secret_state(finding.field))
                .is_some_and(|stored| stored.set && !secret_is_typed(&document, finding.field));
            let superseded = mismatched_uris
                .iter()
                .any(|(field, _)| *field == finding.field);
            match finding.severity {
                // An empty secret that ONES stores is kept, not missing.
                Severity::Error if stored_secret_kept || superseded => {}
                Severity::Error => problems.push(finding),
                Severity::Warning => warnings.push(finding),
            }
        }
        problems.extend(
            mismatched_uris
                .into_iter()
                .map(|(field, text)| Finding::new(field, Severity::Error, text)),
        );
        let same_server = |text: &str| {
            parse_ones_url(text)
                .map(|url| url.as_str().trim_end_matches('/').to_owned())
                .ok()
                == Some(ones_url.trim_end_matches('/').to_owned())
        };
        if !same_server(&document.ones_url) {
            let named = if input.ones_url.is_empty() {
                Text::new("ones.plan.no_address")
            } else {
                Text::verbatim(input.ones_url)
            };
            warnings.push(Finding::new(
                Field::OnesUrl,
                Severity::Warning,
                Text::new("ones.plan.other_server")
                    .arg_text("named", named)
                    .arg("ones_url", ones_url),
            ));
        }

        let changes = diff_fields(&document, remote.as_ref());
        Self {
            key: document.key(),
            ones_url: ones_url.to_owned(),
            document,
            redirect_uris,
            remote,
            changes,
            problems,
            warnings,
        }
    }

    pub fn action(&self) -> PlanAction {
        match &self.remote {
            None => PlanAction::Create,
            Some(_) if self.has_changes() => PlanAction::Update,
            Some(_) => PlanAction::NothingToChange,
        }
    }

    /// Whether `apply` will send a PUT.
    pub fn has_changes(&self) -> bool {
        self.remote.is_none() || self.changes.iter().any(|diff| diff.change.is_change())
    }

    pub fn is_blocked(&self) -> bool {
        !self.problems.is_empty()
    }

    /// Only the fields the export alters.
    pub fn changed_fields(&self) -> impl Iterator<Item = &FieldDiff> {
        self.changes.iter().filter(|diff| diff.change.is_change())
    }

    /// The change list and warnings as plain text (the CLI's `--dry-run`, a log of what was
    /// confirmed). Blocking problems are not in it: [`OnesError::Blocked`] lists them.
    pub fn to_text(&self) -> String {
        self.to_text_in(Language::English)
    }

    /// [`ExportPlan::to_text`] in the current language.
    pub fn localized_text(&self) -> String {
        self.to_text_in(crate::i18n::current_language())
    }

    /// [`ExportPlan::to_text`] in `language`.
    pub fn to_text_in(&self, language: Language) -> String {
        use std::fmt::Write as _;
        let mut text = String::new();
        let _ = writeln!(
            text,
            "{}",
            self.action()
                .headline_text(&self.document.name, &self.key, &self.ones_url)
                .render(language)
        );
        for diff in self.changed_fields() {
            let _ = writeln!(
                text,
                "  {}",
                Text::new("ones.error.field_message")
                    .arg_text("field", super::error::field_title_text(diff.field))
                    .arg_text("message", diff.change.describe_text())
                    .render(language)
            );
        }
        let unchanged = self.changes.len() - self.changed_fields().count();
        let _ = writeln!(
            text,
            "  {}",
            Text::new("ones.plan.unchanged_count")
                .arg("unchanged", unchanged)
                .arg("total", self.changes.len())
                .render(language)
        );
        for warning in &self.warnings {
            let message = warning.text.clone();
            let _ = writeln!(
                text,
                "{}",
                Text::new("ones.plan.warning")
                    .arg_text("field", super::error::field_title_text(warning.field))
                    .arg_text("message", message)
                    .render(language)
            );
        }
        text
    }
}

/// What `apply` did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportOutcome {
    Created,
    Updated,
    /// A PUT was sent (typed secrets ONES cannot compare) and ONES found nothing different: the
    /// ETag stayed the same.
    Unchanged,
    /// The plan changed nothing, so no PUT was sent.
    NothingToSend,
}

impl ExportOutcome {
    pub fn describe(self) -> &'static str {
        match self {
            ExportOutcome::Created => "created",
            ExportOutcome::Updated => "updated",
            ExportOutcome::Unchanged => "sent; ONES reported no change",
            ExportOutcome::NothingToSend => "already up to date; nothing was sent",
        }
    }

    /// [`ExportOutcome::describe`] as a text that renders in any language.
    pub fn describe_text(self) -> Text {
        Text::new(match self {
            ExportOutcome::Created => "ones.outcome.created",
            ExportOutcome::Updated => "ones.outcome.updated",
            ExportOutcome::Unchanged => "ones.outcome.unchanged",
            ExportOutcome::NothingToSend => "ones.outcome.nothing_to_send",
        })
    }

    /// [`ExportOutcome::describe`] in the current language.
    pub fn localized_describe(self) -> String {
        self.describe_text().localized()
    }
}

/// The result of `apply`: the outcome and what ONES stores now (with its new ETag).
#[derive(Clone, Debug)]
pub struct Applied {
    pub outcome: ExportOutcome,
    pub stored: RemoteIntegration,
}

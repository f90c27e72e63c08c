//! Review: the whole integration on one page — problems first, each with a jump to its field —
//! then the summary, the portal pages, and saving to a file.

use egui::{RichText, Ui};

use super::StepContext;
use crate::cloud::{AppRole, links_for};
use crate::gui::command::Command;
use crate::gui::widgets::{
    ERROR_COLOR, PASS_COLOR, info_line_ui, portal_button_ui, severity_line_ui,
};
use crate::model::expiry::{ExpiryLevel, expiry_status};
use crate::model::{Field, FieldRef, Secret, Severity, Step};

/// The review page's own switches (they belong to the app, not the document).
pub struct FileOptions<'a> {
    pub include_secrets_in_file: &'a mut bool,
    pub keep_secrets_in_draft: &'a mut bool,
}

/// Review: the whole document on the left; the script card, the live checks and the hand-over to
/// ONES on the right.
pub(crate) struct ReviewScreen;

impl super::Screen for ReviewScreen {
    fn first_field(&self) -> Option<Field> {
        None
    }

    fn script(&self) -> crate::setup::ScriptKind {
        crate::setup::ScriptKind::Renew
    }

    fn columns(&self, _step: Step, _portal_host: &str) -> [super::Column; 2] {
        [
            super::Column {
                id: egui::IdSalt::new("review"),
                region: tr!("gui.region.review"),
                title: tr!("gui.review.title"),
                subtitle: tr!("gui.review.subtitle"),
                top_space: 0.0,
            },
            super::Column {
                id: egui::IdSalt::new("handover"),
                region: tr!("gui.region.handover"),
                title: tr!("gui.handover.title"),
                subtitle: tr!("gui.handover.subtitle"),
                top_space: 0.0,
            },
        ]
    }

    fn form_ui(&self, ui: &mut Ui, ctx: &mut StepContext<'_>) {
        page_ui(ui, ctx);
    }

    fn cards_ui(
        &self,
        ui: &mut Ui,
        ctx: &mut StepContext<'_>,
        features: &mut crate::gui::features::Features<'_>,
    ) {
        crate::gui::features::checks::live_checks_ui(ui, features.checks, ctx.doc, ctx.commands);
        ui.add_space(16.0);
        let caveats = features.checks.export_caveats(ctx.doc);
        crate::gui::features::export::export_ui(
            ui,
            features.export,
            ctx.doc,
            &caveats,
            ctx.commands,
        );
    }
}

fn page_ui(ui: &mut Ui, ctx: &mut StepContext<'_>) {
    problems_ui(ui, ctx);
    ui.add_space(12.0);
    summary_ui(ui, ctx);
    ui.add_space(12.0);
    crate::gui::a11y::section_heading(ui, tr!("gui.review.portal_heading"));
    for link in links_for(ctx.doc) {
        let page = match link.app {
            Some(AppRole::Server) => tr!(
                "gui.review.server_app_page",
                page = link.page.localized_title()
            ),
            Some(AppRole::Sso) => tr!(
                "gui.review.sso_app_page",
                page = link.page.localized_title()
            ),
            None => link.page.localized_title(),
        };
        if link.exact {
            portal_button_ui(ui, ctx.commands, &page, &link.url);
        }
    }
    ui.add_space(12.0);
    crate::gui::a11y::section_heading(ui, tr!("gui.review.renewal_heading"));
    for (title, expires_on) in [
        (
            tr!("gui.review.server_app"),
            ctx.doc.server_app.client_secret_expires_on,
        ),
        (
            tr!("gui.review.sso_app"),
            ctx.doc.sso_app.client_secret_expires_on,
        ),
    ] {
        match expires_on {
            Some(date) => {
                let status = expiry_status(date, ctx.today);
                let (icon, word, color) = match status.level {
                    ExpiryLevel::Overdue => ("✖", tr!("gui.review.expiry_overdue"), ERROR_COLOR),
                    ExpiryLevel::Critical => ("⚠", tr!("gui.review.expiry_renew_now"), ERROR_COLOR),
                    ExpiryLevel::Soon => (
                        "⚠",
                        tr!("gui.review.expiry_renew_soon"),
                        crate::gui::widgets::WARNING_COLOR,
                    ),
                    ExpiryLevel::Fine => ("✔", tr!("gui.review.expiry_ok"), PASS_COLOR),
                };
                ui.horizontal_wrapped(|ui| {
                    crate::gui::a11y::glyph(ui, RichText::new(icon).color(color).strong());
                    ui.label(RichText::new(word).color(color).strong());
                    ui.label(tr!(
                        "gui.review.expiry_line",
                        app = title,
                        countdown = status.localized_countdown(),
                        date = date
                    ));
                });
                info_line_ui(ui, &status.localized_advice());
            }
            None => {
                info_line_ui(ui, &tr!("gui.review.expiry_missing", app = title));
            }
        }
    }
    let has_expiry = ctx.doc.server_app.client_secret_expires_on.is_some()
        || ctx.doc.sso_app.client_secret_expires_on.is_some();
    let reminder = ui
        .add_enabled(
            has_expiry,
            egui::Button::new(format!("📅 {}", tr!("gui.review.reminder"))),
        )
        .on_hover_text(tr!("gui.review.reminder_hint"))
        .on_disabled_hover_text(tr!("gui.review.reminder_disabled"))
        .accessible_name(tr!("gui.review.reminder"));
    if reminder.clicked() {
        ctx.commands.push(Command::SaveReminder);
    }
    ui.add_space(12.0);
    crate::gui::a11y::section_heading(ui, tr!("gui.review.save_heading"));
    let include = ui.checkbox(
        ctx.file.include_secrets_in_file,
        tr!("gui.review.include_secrets"),
    );
    let note = tr!("gui.review.include_secrets_note");
    let shown = info_line_ui(ui, &note);
    crate::gui::a11y::describe(ui, include.id, Some(shown.id), &note);
    if ui
        .button(format!("💾 {}…", tr!("gui.review.save_as_name")))
        .accessible_name(format!("{}…", tr!("gui.review.save_as_name")))
        .clicked()
    {
        ctx.commands.push(Command::SaveFileAs);
    }
    ui.add_space(6.0);
    let keep = ui.checkbox(
        ctx.file.keep_secrets_in_draft,
        tr!("gui.review.keep_secrets"),
    );
    keep_secrets_note_ui(ui, ctx, *ctx.file.keep_secrets_in_draft, keep.id);
}

/// What the draft does with the secrets typed now, naming only those really typed.
fn keep_secrets_note_ui(ui: &mut Ui, ctx: &StepContext<'_>, keep: bool, checkbox: egui::Id) {
    let typed: Vec<String> = Field::ALL
        .into_iter()
        .filter(|field| {
            ctx.doc
                .value(*field)
                .secret()
                .is_some_and(|secret| !secret.is_empty())
        })
        .map(crate::gui::widgets::localized_secret_name)
        .collect();
    let note = if typed.is_empty() {
        tr!("gui.keeping.review.none_typed")
    } else if keep {
        tr!(
            "gui.keeping.review.kept",
            secrets = typed.join(&tr!("gui.closing.and"))
        )
    } else {
        tr!(
            "gui.keeping.review.left_out",
            secrets = typed.join(&tr!("gui.closing.and"))
        )
    };
    let shown = info_line_ui(ui, &note);
    crate::gui::a11y::describe(ui, checkbox, Some(shown.id), &note);
}

fn problems_ui(ui: &mut Ui, ctx: &mut StepContext<'_>) {
    let errors = ctx.report.errors().count();
    let warnings = ctx.report.warnings().count();
    let warnings = if warnings == 1 {
        tr!("gui.review.warning_count_one", count = warnings)
    } else {
        tr!("gui.review.warning_count_other", count = warnings)
    };
    if errors == 0 {
        crate::gui::a11y::glyph_line(
            ui,
            "✔",
            RichText::new(tr!("gui.review.ready", warnings = warnings))
                .strong()
                .size(16.0),
            PASS_COLOR,
        );
    } else {
        crate::gui::a11y::glyph_line(
            ui,
            "✖",
            RichText::new(tr!(
                "gui.review.problems",
                problems = if errors == 1 {
                    tr!("gui.review.problem_count_one", count = errors)
                } else {
                    tr!("gui.review.problem_count_other", count = errors)
                },
                warnings = warnings
            ))
            .strong()
            .size(16.0),
            ERROR_COLOR,
        );
    }
    let mut findings: Vec<_> = ctx.report.findings.iter().collect();
    findings.sort_by_key(|finding| (finding.severity, finding.field.step(), finding.field));
    for finding in findings {
        ui.horizontal_wrapped(|ui| {
            let jump = ui
                .button(tr!(
                    "gui.review.go_to",
                    field = finding.field.localized_label()
                ))
                .accessible_name(tr!(
                    "gui.review.go_to_on",
                    field = finding.field.localized_label(),
                    step = finding.field.step().localized_title()
                ));
            if jump.clicked() {
                ctx.commands.push(Command::JumpTo(finding.field));
            }
            ui.label(RichText::new(finding.field.step().localized_title()).weak());
        });
        ui.indent(("finding", finding.field, finding.message()), |ui| {
            severity_line_ui(ui, finding.severity, &finding.localized_message())
        });
    }
}

/// The width of the names column of every summary table, so the three sections line up.
fn name_column_width(ui: &Ui) -> f32 {
    (ui.available_width() * 0.3).clamp(110.0, 220.0)
}

/// One summary section: a heading, then a table of (status, name, value) rows — a table in the
/// accessibility tree too, each name a row header, each status read as its word.
fn summary_section_ui(
    ui: &mut Ui,
    report: &crate::model::ValidationReport,
    step: Step,
    rows: Vec<(Field, String)>,
) {
    use egui::accesskit::Role;
    let title = step.localized_title();
    crate::gui::a11y::section_heading(ui, title.clone());
    let name_width = name_column_width(ui);
    let status_width = 18.0;
    crate::gui::a11y::group(
        ui,
        Role::Table,
        Some(&tr!("gui.region.summary_table", section = title)),
        |ui| {
            for (index, (field, value)) in rows.into_iter().enumerate() {
                let (glyph, word, color) = if report
                    .for_field(field)
                    .any(|finding| finding.severity == Severity::Error)
                {
                    ("✖", tr!("gui.severity.error"), ERROR_COLOR)
                } else if report.for_field(field).next().is_some() {
                    (
                        "⚠",
                        tr!("gui.severity.warning"),
                        crate::gui::widgets::WARNING_COLOR,
                    )
                } else {
                    ("✔", tr!("gui.checks.status_pass"), PASS_COLOR)
                };
                let row = |ui: &mut Ui| {
                    crate::gui::a11y::set_role(ui, Role::Row);
                    let cell =
                        |ui: &mut Ui, width: f32, role: Role, add: &mut dyn FnMut(&mut Ui)| {
                            ui.allocate_ui_with_layout(
                                egui::vec2(width, 0.0),
                                egui::Layout::top_down(egui::Align::Min),
                                |ui| {
                                    crate::gui::a11y::set_role(ui, role);
                                    ui.set_width(width);
                                    add(ui);
                                },
                            );
                        };
                    cell(ui, status_width, Role::Cell, &mut |ui| {
                        let status = ui.add(
                            egui::Label::new(RichText::new(glyph).color(color)).selectable(false),
                        );
                        crate::gui::a11y::say(&status, &word);
                    });
                    cell(ui, name_width, Role::RowHeader, &mut |ui| {
                        ui.add(egui::Label::new(field.localized_label()).wrap());
                    });
                    let value_width = ui.available_width().max(80.0);
                    cell(ui, value_width, Role::Cell, &mut |ui| {
                        let shown = crate::gui::widgets::token_label_ui(
                            ui,
                            RichText::new(value.clone()).monospace(),
                            true,
                        );
                        // A masked secret is read as "entered (n characters)", not as bullets.
                        if let Some(rest) = value.strip_prefix("●●●●●●●●") {
                            crate::gui::a11y::say(
                                &shown,
                                &format!("{}{rest}", tr!("gui.secret.state_typed")),
                            );
                        }
                    });
                };
                let frame = if index % 2 == 0 {
                    egui::Frame::new().fill(ui.visuals().faint_bg_color)
                } else {
                    egui::Frame::new()
                };
                frame
                    .inner_margin(egui::Margin::symmetric(2, 2))
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.horizontal_top(row);
                    });
            }
        },
    );
    ui.add_space(8.0);
}

fn summary_ui(ui: &mut Ui, ctx: &mut StepContext<'_>) {
    let doc = &*ctx.doc;
    let report = ctx.report;
    let section = |ui: &mut Ui, step: Step, rows: Vec<(Field, String)>| {
        summary_section_ui(ui, report, step, rows);
    };
    let secret_summary = |secret: &Secret, state: crate::model::SecretState| {
        if secret.is_empty() {
            crate::gui::widgets::secret_state_text(state)
        } else {
            format!(
                "●●●●●●●● ({})",
                tr!("gui.review.characters", count = secret.char_count())
            )
        }
    };
    let today = ctx.today;
    let date = |date: Option<chrono::NaiveDate>| {
        date.map_or_else(
            || tr!("gui.review.not_entered"),
            |date| {
                format!(
                    "{date} — {}",
                    expiry_status(date, today).localized_countdown()
                )
            },
        )
    };
    let list = |items: &[String]| {
        if items.is_empty() {
            tr!("gui.review.none")
        } else {
            items.join(", ")
        }
    };
    let yes_no = |flag: bool| {
        if flag {
            tr!("gui.review.yes")
        } else {
            tr!("gui.review.no")
        }
    };

    let shown = |field: Field| match doc.value(field) {
        FieldRef::Text(text) => text.to_owned(),
        FieldRef::Operator(operator) => operator.ones_label().to_owned(),
        FieldRef::Secret(secret) => secret_summary(
            secret,
            doc.secret_state(field)
                .unwrap_or(crate::model::SecretState::Missing),
        ),
        FieldRef::Date(expires_on) => date(expires_on),
        FieldRef::Flag(flag) => yes_no(flag),
        FieldRef::List(items) => list(items),
    };
    for step in [Step::Server, Step::Room, Step::Users] {
        let rows = Field::ALL
            .into_iter()
            .filter(|field| field.step() == step)
            .map(|field| (field, shown(field)))
            .collect();
        section(ui, step, rows);
    }
    let room_uri = doc.room.redirect_uri.trim().to_owned();
    let sso_uri = doc.sso_app.redirect_uri.trim().to_owned();
    ui.horizontal_wrapped(|ui| {
        for (what, uri) in [
            (tr!("gui.what.room_redirect"), room_uri),
            (tr!("gui.what.sso_redirect"), sso_uri),
        ] {
            let name = tr!("gui.copy.name", what = what);
            let clicked = ui
                .add_enabled(!uri.is_empty(), egui::Button::new(format!("📋 {name}")))
                .on_disabled_hover_text(tr!("gui.copy.nothing"))
                .accessible_name(name)
                .clicked();
            if clicked {
                ctx.commands.push(Command::Copy { what, text: uri });
            }
        }
    });
}

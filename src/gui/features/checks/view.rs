//! The "Live checks against Microsoft" panel: one row per check with a spinner until it answers,
//! then its verdict (icon and word, never colour alone), summary, fix, a button to the portal page
//! where the fix is made, Microsoft's error lookup, and the raw codes and ids a helpdesk asks for.

use egui::{RichText, Ui};

use crate::checks::{CheckFilter, CheckId, CheckResult, CheckStatus, Checker};
use crate::gui::command::Command;
use crate::gui::features::checks::LiveChecks;
use crate::gui::widgets::{ERROR_COLOR, PASS_COLOR, WARNING_COLOR, info_line_ui, portal_button_ui};
use crate::i18n::SummaryAndFix as _;
use crate::model::IntegrationDocument;

pub fn live_checks_ui(
    ui: &mut Ui,
    checks: &LiveChecks,
    doc: &IntegrationDocument,
    commands: &mut Vec<Command>,
) {
    crate::gui::a11y::section_heading(ui, tr!("gui.checks.title"));
    if let Some(reason) = checks.unavailable_reason() {
        crate::gui::widgets::severity_line_ui(ui, crate::model::Severity::Error, reason);
        return;
    }
    ui.label(tr!("gui.checks.intro"));
    ui.horizontal_wrapped(|ui| {
        if checks.is_running() {
            if ui
                .button(format!("⏹ {}", tr!("gui.common.cancel")))
                .accessible_name(tr!("gui.checks.cancel_name"))
                .clicked()
            {
                commands.push(Command::CancelChecks);
            }
            ui.spinner();
            ui.label(tr!("gui.checks.checking"));
        } else {
            let label = if checks.results().is_empty() {
                format!("▶ {}", tr!("gui.checks.run"))
            } else {
                format!("⟳ {}", tr!("gui.checks.run_again"))
            };
            if ui
                .button(RichText::new(label).strong())
                .accessible_name(tr!("gui.checks.run"))
                .clicked()
            {
                commands.push(Command::RunChecks);
            }
        }
        let copy = ui
            .add_enabled(
                checks.has_finished_run() && !checks.is_stale(doc),
                egui::Button::new(format!("📋 {}", tr!("gui.checks.copy_report"))),
            )
            .on_hover_text(tr!("gui.checks.copy_report_hint"))
            .on_disabled_hover_text(tr!("gui.checks.run_first"))
            .accessible_name(tr!("gui.checks.copy_report"));
        if copy.clicked() {
            commands.push(Command::CopyDiagnosticReport);
        }
    });
    if checks.results().is_empty() && !checks.is_running() {
        return;
    }
    let stale = checks.is_stale(doc);
    if stale && !checks.is_running() {
        info_line_ui(ui, &tr!("gui.checks.stale"));
    }
    if !stale {
        for swap in checks.suspected_swaps() {
            // Said first, with the one click that fixes it: two refusals that are one mix-up.
            crate::gui::widgets::severity_line_ui(
                ui,
                crate::model::Severity::Warning,
                &swap.text().localized(),
            );
            if ui.button(tr!("gui.checks.swap_button")).clicked() {
                commands.push(Command::SwapFields(*swap));
            }
        }
    }
    let results = ui.scope(|ui| {
        if stale || checks.is_running() && checks.results().is_empty() {
            ui.multiply_opacity(0.55);
        }
        lint_summary_ui(ui, checks.results());
        for id in Checker::planned(&CheckFilter::everything()) {
            match checks.results().iter().find(|result| result.id == id) {
                Some(result) => result_ui(ui, result, commands),
                None if checks.in_progress(id) => pending_ui(ui, id),
                None => {}
            }
        }
    });
    if crate::gui::command::Reveal::Checks.take(ui.ctx()) {
        results.response.scroll_to_me(Some(egui::Align::Min));
    }
}

/// A check's verdict as icon and word (never colour alone), the icon left out of the tree; the
/// room test panel shows it too.
pub(crate) fn status_label_ui(ui: &mut Ui, status: CheckStatus) -> egui::Response {
    let text = status_text(status);
    let (glyph, word) = text.text().split_once(' ').unwrap_or(("", text.text()));
    let (glyph, word) = (glyph.to_owned(), word.to_owned());
    let color = text_color(status);
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        crate::gui::a11y::glyph(ui, RichText::new(glyph).color(color).strong());
        ui.label(RichText::new(word).color(color).strong())
    })
    .inner
}

fn text_color(status: CheckStatus) -> egui::Color32 {
    match status {
        CheckStatus::Pass => PASS_COLOR,
        CheckStatus::Warn => WARNING_COLOR,
        CheckStatus::Fail => ERROR_COLOR,
        CheckStatus::Skip => egui::Color32::GRAY,
    }
}

/// A check's verdict as icon and word, in one text.
pub(crate) fn status_text(status: CheckStatus) -> RichText {
    let (icon, word, color) = match status {
        CheckStatus::Pass => ("✔", tr!("gui.checks.status_pass"), PASS_COLOR),
        CheckStatus::Warn => ("⚠", tr!("gui.severity.warning"), WARNING_COLOR),
        CheckStatus::Fail => ("✖", tr!("gui.checks.status_fail"), ERROR_COLOR),
        CheckStatus::Skip => ("⏭", tr!("gui.checks.status_skipped"), egui::Color32::GRAY),
    };
    RichText::new(format!("{icon} {word}"))
        .color(color)
        .strong()
}

fn pending_ui(ui: &mut Ui, id: CheckId) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(RichText::new(id.localized_title()).strong());
            ui.label(RichText::new(tr!("gui.checks.checking_row")).weak());
        });
    });
}

/// Pre-flight findings (no network) in one line, with the fields that need attention listed.
fn lint_summary_ui(ui: &mut Ui, results: &[CheckResult]) {
    let lint: Vec<&CheckResult> = results
        .iter()
        .filter(|result| matches!(result.id, CheckId::Lint(_)))
        .collect();
    if lint.is_empty() {
        return;
    }
    let passed = lint
        .iter()
        .filter(|result| result.status == CheckStatus::Pass)
        .count();
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            let worst = lint
                .iter()
                .map(|result| result.status)
                .filter(|status| *status != CheckStatus::Skip)
                .max_by_key(|status| match status {
                    CheckStatus::Fail => 3,
                    CheckStatus::Warn => 2,
                    _ => 1,
                });
            status_label_ui(ui, worst.unwrap_or(CheckStatus::Pass));
            ui.label(RichText::new(tr!("gui.checks.preflight")).strong());
            ui.label(tr!(
                "gui.checks.preflight_count",
                passed = passed,
                total = lint.len()
            ));
        });
        for result in lint
            .iter()
            .filter(|result| result.status != CheckStatus::Pass)
        {
            ui.horizontal_wrapped(|ui| {
                status_label_ui(ui, result.status);
                ui.label(format!(
                    "{}: {}",
                    result.id.localized_title(),
                    result.localized_summary()
                ));
            });
        }
    });
}

fn result_ui(ui: &mut Ui, result: &CheckResult, commands: &mut Vec<Command>) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            status_label_ui(ui, result.status);
            let title = ui.label(RichText::new(result.id.localized_title()).strong());
            if result.best_effort {
                title.on_hover_text(tr!("gui.checks.best_effort"));
            }
        });
        ui.label(result.localized_summary());
        if let Some(fix) = result.localized_fix() {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(tr!("gui.checks.what_to_do")).strong());
                ui.label(fix);
            });
        }
        ui.horizontal_wrapped(|ui| {
            if let Some(portal) = &result.answer.portal {
                portal_button_ui(ui, commands, &portal.localized_title(), &portal.url);
            }
            if let (Some(code), Some(url)) = (result.answer.aadsts, &result.answer.error_lookup_url)
            {
                let response = ui
                    .button(format!(
                        "❓ {}",
                        tr!("gui.checks.what_is_code", code = code)
                    ))
                    .on_hover_text(url.as_str())
                    .accessible_name(tr!("gui.checks.look_up_code", code = code));
                // Opens a browser: a link, described by where it goes, not by the raw address.
                crate::gui::a11y::as_link(
                    &response,
                    url,
                    &crate::gui::widgets::link_description(url),
                );
                if response.clicked() {
                    commands.push(Command::OpenUrl {
                        what: tr!("gui.checks.code_page", code = code),
                        url: url.clone(),
                    });
                }
            }
        });
        let mut ids = Vec::new();
        if let Some(code) = result.answer.aadsts {
            ids.push(format!("AADSTS{code}"));
        }
        if let Some(error) = &result.answer.error {
            ids.push(tr!("gui.checks.id_error", error = error));
        }
        if let Some(trace) = &result.answer.trace_id {
            ids.push(tr!("gui.checks.id_trace", trace = trace));
        }
        if let Some(correlation) = &result.answer.correlation_id {
            ids.push(tr!("gui.checks.id_correlation", correlation = correlation));
        }
        if let Some(timestamp) = &result.answer.timestamp {
            ids.push(timestamp.clone());
        }
        if !ids.is_empty() {
            ui.add(
                egui::Label::new(RichText::new(ids.join(" · ")).monospace().weak().small())
                    .selectable(true),
            );
        }
    });
}

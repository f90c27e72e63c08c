//! Drawing: toolbar and stepper on top, Back/Next below, the current screen in between (ONES
//! fields on the left, Azure portal steps on the right); dialogs and the toast are in
//! `dialogs.rs`.

use egui::{Align, CentralPanel, Layout, Panel, RichText, ScrollArea, Ui};

use super::{AssistantApp, Command, NoticeLevel};
use crate::gui::a11y;
use crate::gui::features::Features;
use crate::gui::steps::{self, Column, StepContext, review::FileOptions};
use crate::gui::widgets::{ACCENT_COLOR, ERROR_COLOR, PASS_COLOR, WARNING_COLOR};
use crate::model::{Field, Step};

impl AssistantApp {
    pub(crate) fn draw(&mut self, ui: &mut Ui) {
        a11y::name_window(ui.ctx(), &tr!("gui.app.title"));
        Panel::top("toolbar").show(ui, |ui| {
            a11y::name_region(ui, &tr!("gui.region.toolbar"));
            self.toolbar_ui(ui);
        });
        Panel::bottom("navigation").show(ui, |ui| {
            a11y::name_region(ui, &tr!("gui.region.navigation"));
            self.navigation_ui(ui);
        });
        CentralPanel::default().show(ui, |ui| {
            a11y::name_region(ui, &tr!("gui.region.screen"));
            self.banners_ui(ui);
            if let Some(demo) = &self.background.demo {
                crate::gui::demo_panel::demo_values_ui(ui, demo, &mut self.commands);
            }
            self.notices_ui(ui);
            self.screen_ui(ui);
        });
        self.dialogs_ui(ui.ctx());
    }

    fn toolbar_ui(&mut self, ui: &mut Ui) {
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            // The buttons first, from the right; the title takes what is left and is shortened
            // ("ONES Microsoft 3…") rather than drawn under the buttons at small window sizes.
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                if ui.button(tr!("gui.toolbar.about")).clicked() {
                    self.commands.push(Command::ShowAbout(true));
                }
                let mut language = self.chrome.language;
                egui::ComboBox::from_id_salt("language")
                    .selected_text(language.native_name())
                    .show_ui(ui, |ui| {
                        for option in crate::i18n::Language::ALL {
                            ui.selectable_value(&mut language, option, option.native_name());
                        }
                    })
                    .response
                    .on_hover_text(tr!("gui.toolbar.language"))
                    .accessible_name(tr!("gui.toolbar.language"));
                if language != self.chrome.language {
                    self.commands.push(Command::SetLanguage(language));
                }
                let mut theme = self.chrome.theme;
                let theme_name = |theme: crate::store::ThemeChoice| match theme {
                    crate::store::ThemeChoice::System => tr!("gui.toolbar.theme_system"),
                    crate::store::ThemeChoice::Light => tr!("gui.toolbar.theme_light"),
                    crate::store::ThemeChoice::Dark => tr!("gui.toolbar.theme_dark"),
                };
                egui::ComboBox::from_id_salt("theme")
                    .selected_text(theme_name(theme))
                    .show_ui(ui, |ui| {
                        for option in crate::store::ThemeChoice::ALL {
                            ui.selectable_value(&mut theme, option, theme_name(option));
                        }
                    })
                    .response
                    .on_hover_text(tr!("gui.toolbar.theme"))
                    .accessible_name(tr!("gui.toolbar.theme"));
                if theme != self.chrome.theme {
                    self.commands.push(Command::SetTheme(theme));
                }
                let test = ui
                    .add_enabled(
                        !self.background.checks.is_running(),
                        egui::Button::new(format!("▶ {}", tr!("gui.toolbar.test"))),
                    )
                    .on_hover_text(tr!("gui.toolbar.test_hint"))
                    .accessible_name(tr!("gui.toolbar.test"));
                if test.clicked() {
                    self.commands.push(Command::RunChecks);
                    self.commands.push(Command::GoTo(Step::Review));
                }
                if ui
                    .button(tr!("gui.toolbar.save_as"))
                    .accessible_name(tr!("gui.toolbar.save_as_name"))
                    .clicked()
                {
                    self.commands.push(Command::SaveFileAs);
                }
                if ui
                    .button(tr!("gui.toolbar.open"))
                    .accessible_name(a11y::plain_name(&tr!("gui.toolbar.open")))
                    .clicked()
                {
                    self.commands.push(Command::OpenFile);
                }
                if ui
                    .button(tr!("gui.toolbar.new"))
                    .accessible_name(tr!("gui.toolbar.new_name"))
                    .clicked()
                {
                    self.commands.push(Command::NewDocument);
                }
                ui.with_layout(Layout::left_to_right(Align::Center), |ui| {
                    let title = tr!("gui.app.title");
                    let shown = ui
                        .add(egui::Label::new(RichText::new(&title).strong().size(18.0)).truncate())
                        .on_hover_text(&title);
                    a11y::as_heading(&shown, &title, 1);
                    ui.add(
                        egui::Label::new(RichText::new(tr!("gui.app.subtitle")).weak()).truncate(),
                    );
                });
            });
        });
        ui.add_space(4.0);
        self.stepper_ui(ui);
    }

    /// The four screens as a stepper: number, title and ✔/✖, the state said to screen readers.
    fn stepper_ui(&mut self, ui: &mut Ui) {
        ui.horizontal_wrapped(|ui| {
            for (index, step) in Step::ALL.into_iter().enumerate() {
                if index > 0 {
                    a11y::glyph(ui, RichText::new("→").weak());
                }
                let status = if step == Step::Review {
                    ""
                } else if self.session.report.step_is_valid(step) {
                    " ✔"
                } else {
                    " ✖"
                };
                let text = format!("{} {}{status}", index + 1, step.localized_title());
                let mut rich = RichText::new(text);
                // The selection colours carry the current step (light text on the selection
                // fill); an accent-coloured text on it would be blue on blue.
                if step == self.session.step {
                    rich = rich.strong();
                }
                // The name is what the item shows (number and title); its state is the
                // description, so a screen reader says "2 Room settings, complete".
                let response = ui
                    .selectable_label(step == self.session.step, rich)
                    .accessible_name(tr!(
                        "gui.stepper.name",
                        number = index + 1,
                        title = step.localized_title()
                    ))
                    .on_hover_text(if status == " ✖" {
                        tr!("gui.stepper.has_errors")
                    } else {
                        tr!("gui.stepper.go")
                    });
                let mut state = match status {
                    " ✔" => tr!("gui.stepper.state_done"),
                    " ✖" => tr!("gui.stepper.state_fix"),
                    _ => String::new(),
                };
                if step == self.session.step {
                    state = format!("{} {state}", tr!("gui.stepper.state_current"));
                }
                a11y::set_description(ui, response.id, state.trim());
                if response.clicked() {
                    self.commands.push(Command::GoTo(step));
                }
            }
        });
        ui.add_space(4.0);
    }

    fn navigation_ui(&mut self, ui: &mut Ui) {
        self.toast_ui(ui);
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let back = ui
                .add_enabled(
                    self.session.step.previous().is_some(),
                    egui::Button::new(tr!("gui.nav.back")),
                )
                .accessible_name(a11y::plain_name(&tr!("gui.nav.back")));
            if back.clicked()
                && let Some(previous) = self.session.step.previous()
            {
                self.commands.push(Command::GoTo(previous));
            }
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                let Some(next) = self.session.step.next() else {
                    let (text, color) = if self.session.report.is_valid() {
                        (tr!("gui.nav.all_filled"), PASS_COLOR)
                    } else {
                        (tr!("gui.nav.some_missing"), ERROR_COLOR)
                    };
                    let response = ui.label(RichText::new(&text).color(color));
                    a11y::say(&response, &a11y::plain_name(&text));
                    a11y::live(&response);
                    return;
                };
                let blocking = self.blocking_error_on(self.session.step).cloned();
                let (label, name) = if next == Step::Review {
                    (tr!("gui.nav.review"), tr!("gui.nav.review_name"))
                } else {
                    (tr!("gui.nav.next"), tr!("gui.nav.next_name"))
                };
                // The name is the visible text without its arrow ("Save and next").
                let next_button = ui
                    .add_enabled(
                        blocking.is_none(),
                        egui::Button::new(RichText::new(label).strong()),
                    )
                    .accessible_name(name);
                if next_button.clicked() {
                    self.session.form.submitted.insert(self.session.step);
                    self.commands.push(Command::GoTo(next));
                }
                if let Some(finding) = blocking {
                    let all: Vec<_> = self
                        .session
                        .report
                        .findings
                        .iter()
                        .filter(|other| {
                            other.field.step() == self.session.step
                                && other.severity == crate::model::Severity::Error
                        })
                        .collect();
                    let mut reason = tr!(
                        "gui.nav.blocked",
                        field = finding.field.localized_label(),
                        message = finding.localized_message()
                    );
                    if all.len() > 1 {
                        reason.push_str(&tr!("gui.nav.blocked_more", count = all.len() - 1));
                    }
                    let list = all
                        .iter()
                        .map(|other| {
                            format!(
                                "{}: {}",
                                other.field.localized_label(),
                                other.localized_message()
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("; ");
                    // Named by its whole visible text; every problem of the screen is its
                    // description, and a click goes to the first one.
                    let response = ui
                        .add(
                            egui::Button::new(RichText::new(&reason).color(ERROR_COLOR))
                                .frame(false)
                                .truncate(),
                        )
                        .on_hover_text(tr!("gui.nav.go_to_field"))
                        .accessible_name(a11y::plain_name(&reason));
                    a11y::describe(
                        ui,
                        response.id,
                        None,
                        &tr!("gui.nav.blocked_all", list = list),
                    );
                    if response.clicked() {
                        self.commands.push(Command::JumpTo(finding.field));
                    }
                }
            });
        });
        ui.add_space(6.0);
    }

    fn banners_ui(&self, ui: &mut Ui) {
        for banner in self.banners() {
            egui::Frame::new()
                .fill(WARNING_COLOR.gamma_multiply(0.25))
                .stroke(egui::Stroke::new(1.0, WARNING_COLOR))
                .inner_margin(egui::Margin::same(6))
                .corner_radius(4)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal_wrapped(|ui| {
                        a11y::glyph(ui, RichText::new("⚠").color(WARNING_COLOR).strong());
                        ui.label(RichText::new(banner).strong());
                    });
                });
            ui.add_space(4.0);
        }
    }

    /// The toast: a line at the top of the navigation bar, which grows while it shows — so it
    /// never covers a result (a receipt's last rows, a field) the way a floating toast did.
    fn toast_ui(&self, ui: &mut Ui) {
        let Some(toast) = &self.overlays.toast else {
            return;
        };
        ui.add_space(4.0);
        // One row high: a right-to-left layout alone would take the whole panel.
        ui.horizontal(|ui| {
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                let (glyph, color) = if toast.failed {
                    ("✖", ERROR_COLOR)
                } else {
                    ("✔", PASS_COLOR)
                };
                // Announced politely when it appears: copy confirmations and what finished in
                // the background.
                let text = ui.label(RichText::new(toast.text.localized()).color(color));
                a11y::live(&text);
                a11y::glyph(ui, RichText::new(glyph).color(color));
            });
        });
    }

    fn notices_ui(&mut self, ui: &mut Ui) {
        for (index, notice) in self.overlays.notices.iter().enumerate() {
            let (icon, color) = match notice.level {
                NoticeLevel::Info => ("ℹ", ACCENT_COLOR),
                NoticeLevel::Warning => ("⚠", WARNING_COLOR),
                NoticeLevel::Error => ("✖", ERROR_COLOR),
            };
            egui::Frame::new()
                .stroke(egui::Stroke::new(1.0, color))
                .inner_margin(egui::Margin::same(6))
                .corner_radius(4)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal_wrapped(|ui| {
                        if ui
                            .small_button("✖")
                            .accessible_name(tr!("gui.notice.dismiss"))
                            .clicked()
                        {
                            self.commands.push(Command::DismissNotice(index));
                        }
                        a11y::glyph(ui, RichText::new(icon).color(color).strong());
                        let text = ui.label(notice.text.localized());
                        a11y::live(&text);
                    });
                });
            ui.add_space(4.0);
        }
    }

    /// The current screen's two columns; the script card heads the right one on every screen.
    fn screen_ui(&mut self, ui: &mut Ui) {
        let step = self.session.step;
        self.session.form.secret_keeping = [Field::ServerClientSecret, Field::SsoClientSecret]
            .into_iter()
            .filter_map(|field| Some((field, self.secret_keeping(field)?)))
            .collect();
        let session = &mut self.session;
        let mut ctx = StepContext {
            doc: &mut session.doc,
            form: &mut session.form,
            report: &session.report,
            commands: &mut self.commands,
            focus_request: &mut session.focus_request,
            today: session.today,
            last_editor: None,
            file: FileOptions {
                include_secrets_in_file: &mut session.include_secrets_in_file,
                keep_secrets_in_draft: &mut session.keep_secrets_in_draft,
            },
        };
        let background = &mut self.background;
        let mut features = Features {
            setup: &mut background.setup,
            checks: &background.checks,
            export: &mut background.export,
            room_test: &background.room_test,
        };
        let screen = steps::screen(step);
        let portal_host = ctx.cloud().portal_base.trim_start_matches("https://");
        let [form, azure] = screen.columns(step, portal_host);
        ui.columns(2, |columns| {
            columns[0].push_id(form.id, |ui| {
                column_ui(ui, form, |ui| screen.form_ui(ui, &mut ctx));
            });
            columns[1].push_id(azure.id, |ui| {
                column_ui(ui, azure, |ui| {
                    crate::gui::features::setup::script_card_ui(
                        ui,
                        step,
                        screen.script(),
                        features.setup,
                        ctx.doc,
                        ctx.commands,
                    );
                    screen.azure_ui(ui, &mut ctx);
                    screen.cards_ui(ui, &mut ctx, &mut features);
                });
            });
        });
    }
}

/// One column of a screen: a named region, its title (a level-1 heading) and subtitle, and a
/// scrolling body whose position is kept per `scroll_id`.
fn column_ui(ui: &mut Ui, column: Column, body: impl FnOnce(&mut Ui)) {
    left_aligned(ui, |ui| {
        a11y::name_region(ui, &column.region);
        a11y::heading(ui, RichText::new(column.title).size(20.0).strong(), 1);
        ui.label(RichText::new(column.subtitle).weak());
        ui.separator();
        ScrollArea::vertical()
            .id_salt(column.id)
            .auto_shrink([false, false])
            .show(ui, |ui| {
                a11y::scroll_viewport(ui);
                ui.add_space(column.top_space);
                body(ui);
            });
    });
}

/// Lays a column out top-down and left-aligned, not justified: justified lines open wide gaps
/// between words (and between characters in Chinese, which has no spaces to stretch).
fn left_aligned<R>(ui: &mut Ui, add_contents: impl FnOnce(&mut Ui) -> R) -> R {
    ui.with_layout(Layout::top_down(Align::Min), add_contents)
        .inner
}

//! Drawing: toolbar and stepper on top, Back/Next below, the current screen in between (ONES
//! fields on the left, Azure portal steps on the right), then dialogs and the toast.

use egui::{Align, Align2, CentralPanel, Layout, Modal, Panel, RichText, ScrollArea, Ui};

use super::{AssistantApp, Command, NoticeLevel, ReplaceAction};
use crate::build_info;
use crate::gui::a11y;
use crate::gui::steps::{self, StepContext, review::FileOptions};
use crate::gui::widgets::{ACCENT_COLOR, ERROR_COLOR, PASS_COLOR, WARNING_COLOR};
use crate::model::Step;

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
            self.notices_ui(ui);
            self.screen_ui(ui);
        });
        self.dialogs_ui(ui.ctx());
        self.toast_ui(ui.ctx());
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
                let mut language = self.language;
                let menu = egui::ComboBox::from_id_salt("language")
                    .selected_text(language.native_name())
                    .show_ui(ui, |ui| {
                        for option in crate::i18n::Language::ALL {
                            ui.selectable_value(&mut language, option, option.native_name());
                        }
                    })
                    .response
                    .on_hover_text(tr!("gui.toolbar.language"))
                    .accessible_name(tr!("gui.toolbar.language"));
                // The menu lists 简体中文 and 繁體中文: their glyphs are needed from now on.
                if menu.clicked() {
                    crate::gui::fonts::ensure_cjk_font(ui.ctx());
                }
                if language != self.language {
                    self.commands.push(Command::SetLanguage(language));
                }
                let mut theme = self.theme;
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
                if theme != self.theme {
                    self.commands.push(Command::SetTheme(theme));
                }
                let test = ui
                    .add_enabled(
                        !self.live_checks.is_running(),
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
        ui.horizontal_wrapped(|ui| {
            for (index, step) in Step::ALL.into_iter().enumerate() {
                if index > 0 {
                    a11y::glyph(ui, RichText::new("→").weak());
                }
                let status = if step == Step::Review {
                    ""
                } else if self.report.step_is_valid(step) {
                    " ✔"
                } else {
                    " ✖"
                };
                let text = format!("{} {}{status}", index + 1, step.localized_title());
                let mut rich = RichText::new(text);
                // The selection colours carry the current step (light text on the selection
                // fill); an accent-coloured text on it would be blue on blue.
                if step == self.step {
                    rich = rich.strong();
                }
                // The name is what the item shows (number and title); its state is the
                // description, so a screen reader says "2 Room settings, complete".
                let response = ui
                    .selectable_label(step == self.step, rich)
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
                if step == self.step {
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
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let back = ui
                .add_enabled(
                    self.step.previous().is_some(),
                    egui::Button::new(tr!("gui.nav.back")),
                )
                .accessible_name(a11y::plain_name(&tr!("gui.nav.back")));
            if back.clicked()
                && let Some(previous) = self.step.previous()
            {
                self.commands.push(Command::GoTo(previous));
            }
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                let Some(next) = self.step.next() else {
                    let (text, color) = if self.report.is_valid() {
                        (tr!("gui.nav.all_filled"), PASS_COLOR)
                    } else {
                        (tr!("gui.nav.some_missing"), ERROR_COLOR)
                    };
                    let response = ui.label(RichText::new(&text).color(color));
                    a11y::say(&response, &a11y::plain_name(&text));
                    a11y::live(&response);
                    return;
                };
                let blocking = self.report.first_error_on(self.step).cloned();
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
                    self.form.submitted.insert(self.step);
                    self.commands.push(Command::GoTo(next));
                }
                if let Some(finding) = blocking {
                    let all: Vec<_> = self
                        .report
                        .findings
                        .iter()
                        .filter(|other| {
                            other.field.step() == self.step
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

    fn notices_ui(&mut self, ui: &mut Ui) {
        for (index, notice) in self.notices.iter().enumerate() {
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
                        let text = ui.label(&notice.text);
                        a11y::live(&text);
                    });
                });
            ui.add_space(4.0);
        }
    }

    fn screen_ui(&mut self, ui: &mut Ui) {
        let step = self.step;
        let mut ctx = StepContext {
            doc: &mut self.doc,
            form: &mut self.form,
            report: &self.report,
            commands: &mut self.commands,
            focus_request: &mut self.focus_request,
            today: self.today,
            last_editor: None,
        };
        if step == Step::Review {
            let options = FileOptions {
                include_secrets_in_file: &mut self.include_secrets_in_file,
                keep_secrets_in_draft: &mut self.keep_secrets_in_draft,
            };
            let live_checks = &self.live_checks;
            let ones_export = &mut self.ones_export;
            let setup_scripts = &mut self.setup_scripts;
            ui.columns(2, |columns| {
                columns[0].push_id("review-column", |ui| {
                    left_aligned(ui, |ui| {
                        a11y::name_region(ui, &tr!("gui.region.review"));
                        a11y::heading(
                            ui,
                            RichText::new(tr!("gui.review.title")).size(20.0).strong(),
                            1,
                        );
                        ui.label(RichText::new(tr!("gui.review.subtitle")).weak());
                        ui.separator();
                        ScrollArea::vertical()
                            .id_salt("review")
                            .auto_shrink([false, false])
                            .show(ui, |ui| {
                                a11y::scroll_viewport(ui);
                                steps::review::page_ui(ui, &mut ctx, options);
                            });
                    })
                });
                columns[1].push_id("handover-column", |ui| {
                    left_aligned(ui, |ui| {
                        a11y::name_region(ui, &tr!("gui.region.handover"));
                        a11y::heading(
                            ui,
                            RichText::new(tr!("gui.handover.title")).size(20.0).strong(),
                            1,
                        );
                        ui.label(RichText::new(tr!("gui.handover.subtitle")).weak());
                        ui.separator();
                        ScrollArea::vertical()
                            .id_salt("handover")
                            .auto_shrink([false, false])
                            .show(ui, |ui| {
                                a11y::scroll_viewport(ui);
                                crate::gui::setup_panel::script_card_ui(
                                    ui,
                                    Step::Review,
                                    setup_scripts,
                                    ctx.doc,
                                    ctx.commands,
                                );
                                crate::gui::checks_panel::live_checks_ui(
                                    ui,
                                    live_checks,
                                    ctx.doc,
                                    ctx.commands,
                                );
                                ui.add_space(16.0);
                                crate::gui::export_panel::export_ui(
                                    ui,
                                    ones_export,
                                    ctx.doc,
                                    ctx.commands,
                                );
                            });
                    })
                });
            });
            return;
        }
        let room_test = &self.room_test;
        let setup_scripts = &mut self.setup_scripts;
        let portal_host = ctx
            .cloud()
            .portal_base
            .trim_start_matches("https://")
            .to_owned();
        ui.columns(2, |columns| {
            columns[0].push_id("ones-column", |ui| {
                left_aligned(ui, |ui| {
                    a11y::name_region(ui, &tr!("gui.region.ones"));
                    a11y::heading(
                        ui,
                        RichText::new(tr!("gui.screen.ones_title", step = step.localized_title()))
                            .size(20.0)
                            .strong(),
                        1,
                    );
                    ui.label(RichText::new(tr!("gui.screen.ones_subtitle")).weak());
                    ui.separator();
                    ScrollArea::vertical()
                        .id_salt(("form", step))
                        .auto_shrink([false, false])
                        .show(ui, |ui| {
                            a11y::scroll_viewport(ui);
                            ui.add_space(4.0);
                            match step {
                                Step::Server => steps::server::form_ui(ui, &mut ctx),
                                Step::Room => steps::room::form_ui(ui, &mut ctx),
                                Step::Users => steps::users::form_ui(ui, &mut ctx),
                                Step::Review => {}
                            }
                        });
                })
            });
            columns[1].push_id("azure-column", |ui| {
                left_aligned(ui, |ui| {
                    a11y::name_region(ui, &tr!("gui.region.azure"));
                    a11y::heading(
                        ui,
                        RichText::new(tr!("gui.screen.azure_title"))
                            .size(20.0)
                            .strong(),
                        1,
                    );
                    ui.label(
                        RichText::new(tr!("gui.screen.azure_subtitle", host = portal_host)).weak(),
                    );
                    ui.separator();
                    ScrollArea::vertical()
                        .id_salt(("azure", step))
                        .auto_shrink([false, false])
                        .show(ui, |ui| {
                            a11y::scroll_viewport(ui);
                            ui.add_space(4.0);
                            crate::gui::setup_panel::script_card_ui(
                                ui,
                                step,
                                setup_scripts,
                                ctx.doc,
                                ctx.commands,
                            );
                            match step {
                                Step::Server => steps::server::azure_ui(ui, &mut ctx),
                                Step::Room => {
                                    steps::room::azure_ui(ui, &mut ctx);
                                    crate::gui::widgets::step_card_ui(
                                        ui,
                                        4,
                                        &tr!("gui.rooms.title"),
                                        |ui| {
                                            crate::gui::room_test_panel::room_test_ui(
                                                ui,
                                                room_test,
                                                ctx.doc,
                                                ctx.commands,
                                            );
                                        },
                                    );
                                }
                                Step::Users => steps::users::azure_ui(ui, &mut ctx),
                                Step::Review => {}
                            }
                        });
                })
            });
        });
    }

    fn dialogs_ui(&mut self, ctx: &egui::Context) {
        if let Some(fallback) = &self.fallback {
            let mut close = false;
            let modal = Modal::new(egui::Id::unique("fallback")).show(ctx, |ui| {
                ui.set_max_width(520.0);
                a11y::dialog_heading(ui, &fallback.title);
                ui.label(&fallback.reason);
                let mut text = fallback.text.as_str();
                ui.add(
                    egui::TextEdit::multiline(&mut text)
                        .desired_rows(2)
                        .desired_width(f32::INFINITY),
                )
                .accessible_name(tr!("gui.fallback.text_name"));
                ui.horizontal(|ui| {
                    if fallback.offer_copy
                        && ui
                            .button(format!("📋 {}", tr!("gui.fallback.copy")))
                            .accessible_name(tr!("gui.fallback.copy"))
                            .clicked()
                    {
                        self.commands.push(Command::Copy {
                            what: tr!("gui.fallback.address_what"),
                            text: fallback.text.clone(),
                        });
                    }
                    close = ui.button(tr!("gui.common.close")).clicked();
                });
                if !fallback.detail.is_empty() {
                    egui::CollapsingHeader::new(tr!("gui.fallback.detail"))
                        .id_salt("fallback-detail")
                        .default_open(false)
                        .show(ui, |ui| {
                            ui.label(RichText::new(&fallback.detail).weak().monospace());
                        });
                }
            });
            if close || modal.should_close() {
                self.fallback = None;
            }
        }
        if let Some(prompt) = self.path_prompt.clone() {
            self.path_prompt_ui(ctx, prompt);
        }
        if let Some(action) = self.pending_replace.clone() {
            let mut answer = None;
            let changes = self.pull_changes(&action);
            let unsaved = self.has_unsaved_work();
            let modal = Modal::new(egui::Id::unique("replace")).show(ctx, |ui| {
                ui.set_max_width(560.0);
                let what = match action {
                    ReplaceAction::New => tr!("gui.replace.new"),
                    ReplaceAction::Open => tr!("gui.replace.open"),
                    ReplaceAction::Pulled(..) => tr!("gui.replace.pulled"),
                };
                a11y::dialog_heading(ui, what);
                if let ReplaceAction::Pulled(pulled, _) = &action {
                    pulled_changes_ui(ui, &changes, pulled);
                    if unsaved {
                        ui.label(tr!("gui.replace.pulled_unsaved"));
                    }
                } else {
                    ui.label(tr!("gui.replace.body"));
                }
                ui.horizontal(|ui| {
                    if ui.button(tr!("gui.replace.confirm")).clicked() {
                        answer = Some(true);
                    }
                    if ui.button(tr!("gui.common.cancel")).clicked() {
                        answer = Some(false);
                    }
                });
            });
            if modal.should_close() {
                answer = Some(false);
            }
            if let Some(confirmed) = answer {
                self.commands.push(Command::ConfirmReplace(confirmed));
            }
        }
        if self.show_about {
            let modal = Modal::new(egui::Id::unique("about")).show(ctx, |ui| {
                ui.set_max_width(460.0);
                a11y::dialog_heading(ui, tr!("gui.app.title"));
                ui.label(tr!(
                    "gui.about.version",
                    version = build_info::version_line()
                ));
                ui.label(tr!("gui.about.body"));
                if let Some(path) = self.store.draft_path() {
                    ui.label(RichText::new(tr!("gui.about.draft", path = path.display())).weak());
                }
                ui.button(tr!("gui.common.close")).clicked()
            });
            if modal.inner || modal.should_close() {
                self.commands.push(Command::ShowAbout(false));
            }
        }
    }

    /// The in-app path field where no native file dialog can open.
    fn path_prompt_ui(&mut self, ctx: &egui::Context, prompt: super::PathPrompt) {
        use super::PathPurpose;
        let mut answer: Option<(Option<String>, bool)> = None;
        let modal = Modal::new(egui::Id::unique("path-prompt")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            let (title, action) = match prompt.purpose {
                PathPurpose::OpenDocument => (tr!("gui.path.open_title"), tr!("gui.path.open")),
                PathPurpose::SaveDocument => (tr!("gui.path.save_title"), tr!("gui.path.save")),
                PathPurpose::SaveReminder => (tr!("gui.path.reminder_title"), tr!("gui.path.save")),
                PathPurpose::Certificate => (tr!("gui.path.ca_title"), tr!("gui.path.choose")),
            };
            a11y::dialog_heading(ui, title);
            if let Some(existing) = &prompt.confirm_overwrite {
                ui.label(tr!("gui.path.exists", path = existing.display()));
                ui.horizontal(|ui| {
                    if ui
                        .button(tr!("gui.path.replace"))
                        .accessible_name(tr!("gui.path.replace"))
                        .clicked()
                    {
                        answer = Some((Some(existing.display().to_string()), true));
                    }
                    if ui.button(tr!("gui.common.cancel")).clicked() {
                        // Back to the path field to pick another name.
                        if let Some(prompt) = self.path_prompt.as_mut() {
                            prompt.confirm_overwrite = None;
                        }
                    }
                });
                return;
            }
            ui.label(tr!("gui.path.body"));
            let label = ui.label(RichText::new(tr!("gui.path.field")).strong());
            let mut text = prompt.text.clone();
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut text)
                        .id_salt("path-prompt-field")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            // Ready to type at once.
            if ui.memory(|memory| memory.focused().is_none()) {
                response.request_focus();
            }
            if response.changed()
                && let Some(prompt) = self.path_prompt.as_mut()
            {
                prompt.text = text.clone();
                prompt.problem = None;
            }
            let entered =
                response.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
            if let Some(problem) = &prompt.problem {
                ui.label(RichText::new(format!("✖ {problem}")).color(ERROR_COLOR));
            }
            ui.horizontal(|ui| {
                if ui.button(RichText::new(action).strong()).clicked() || entered {
                    answer = Some((Some(text.clone()), false));
                }
                if ui.button(tr!("gui.common.cancel")).clicked() {
                    answer = Some((None, false));
                }
            });
            egui::CollapsingHeader::new(tr!("gui.fallback.detail"))
                .id_salt("path-detail")
                .default_open(false)
                .show(ui, |ui| {
                    ui.label(RichText::new(&prompt.detail).weak().monospace());
                });
        });
        if modal.should_close() && answer.is_none() {
            answer = Some((None, false));
        }
        if let Some((path, overwrite)) = answer {
            self.commands.push(Command::SubmitPath { path, overwrite });
        }
    }

    fn toast_ui(&self, ctx: &egui::Context) {
        let Some(toast) = &self.toast else { return };
        egui::Area::new(egui::Id::unique("toast"))
            .anchor(Align2::RIGHT_BOTTOM, [-16.0, -56.0])
            .interactable(false)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.horizontal(|ui| {
                        let (glyph, color) = if toast.failed {
                            ("✖", ERROR_COLOR)
                        } else {
                            ("✔", PASS_COLOR)
                        };
                        a11y::glyph(ui, RichText::new(glyph).color(color));
                        // Announced politely when it appears: copy confirmations and what
                        // finished in the background.
                        let text = ui.label(RichText::new(&toast.text).color(color));
                        a11y::live(&text);
                    });
                });
            });
    }
}

/// The pull confirmation's body: each field that changes ("current → ONES's"), then where each
/// client secret will be.
fn pulled_changes_ui(
    ui: &mut Ui,
    changes: &[crate::ones::FieldDiff],
    pulled: &crate::model::IntegrationDocument,
) {
    ui.label(if changes.len() == 1 {
        tr!("gui.replace.pulled_body_one")
    } else {
        tr!("gui.replace.pulled_body_other", count = changes.len())
    });
    ScrollArea::vertical()
        .id_salt("pull-changes")
        .max_height(280.0)
        .show(ui, |ui| {
            egui::Grid::new("pull-changes-grid")
                .num_columns(2)
                .striped(true)
                .spacing([12.0, 4.0])
                .show(ui, |ui| {
                    for diff in changes {
                        ui.label(crate::ones::error::localized_field_title(diff.field));
                        ui.add(
                            egui::Label::new(
                                RichText::new(diff.change.localized_describe()).monospace(),
                            )
                            .wrap(),
                        );
                        ui.end_row();
                    }
                });
        });
    ui.add_space(4.0);
    for (field, state) in [
        (
            crate::model::Field::ServerClientSecret,
            pulled.server_app.secret_state(),
        ),
        (
            crate::model::Field::SsoClientSecret,
            pulled.sso_app.secret_state(),
        ),
    ] {
        let field = crate::ones::error::localized_field_title(field);
        let line = match state {
            crate::model::SecretState::Typed => {
                tr!("gui.replace.pulled_secret_typed", field = field)
            }
            state => tr!(
                "gui.replace.pulled_secret",
                field = field,
                state = crate::gui::widgets::secret_state_text(state)
            ),
        };
        crate::gui::widgets::info_line_ui(ui, &line);
    }
}

/// Lays a column out top-down and left-aligned, not justified: justified lines open wide gaps
/// between words (and between characters in Chinese, which has no spaces to stretch).
fn left_aligned<R>(ui: &mut Ui, add_contents: impl FnOnce(&mut Ui) -> R) -> R {
    ui.with_layout(Layout::top_down(Align::Min), add_contents)
        .inner
}

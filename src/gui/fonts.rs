//! Fonts: egui's bundled fonts, with the monospace font (Hack) added as the proportional family's
//! last fallback — it carries the arrows and shapes (→ ← ●) the portal steps use.

pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    if let Some(proportional) = fonts.families.get_mut(&egui::FontFamily::Proportional)
        && !proportional.iter().any(|name| name == "Hack")
    {
        proportional.push("Hack".to_owned());
    }
    ctx.set_fonts(fonts);
}

//! The eframe/egui desktop app (placeholder until the window lands).

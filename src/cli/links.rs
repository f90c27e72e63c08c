//! `ones-m365 links`: the Azure portal links for a document's apps, on its operator's portal.

use serde_json::json;

use super::{Io, Outcome, args::DocumentArgs, print_load_warnings, read_config, write_json};
use crate::cloud::{CloudProfile, links_for};
use crate::i18n::tr;

pub fn run(options: &DocumentArgs, io: &mut Io<'_>) -> Outcome {
    let Some(loaded) = read_config(&options.config, io) else {
        return Outcome::UsageError;
    };
    let doc = &loaded.document;
    let cloud = CloudProfile::for_operator(doc.operator);
    let links = links_for(doc);

    if options.json {
        write_json(
            &json!({
                "operator": doc.operator.as_str(),
                "portal": cloud.portal_base,
                "links": links,
            }),
            io,
        );
        return Outcome::Success;
    }

    print_load_warnings(&loaded, io);
    let _ = writeln!(
        io.stdout,
        "{}",
        tr(
            "cli.links.heading",
            &[
                ("operator", doc.operator.ones_label()),
                ("portal", cloud.portal_base)
            ]
        )
    );
    for link in &links {
        let owner = link.app.map_or_else(
            || tr("cli.links.all_apps", &[]),
            |role| role.localized_title(),
        );
        let note = if link.exact {
            String::new()
        } else {
            format!("  {}", tr("cli.links.not_exact", &[]))
        };
        let _ = writeln!(
            io.stdout,
            "{owner} › {}:\n  {}{note}",
            link.page.localized_title(),
            link.url
        );
    }
    Outcome::Success
}

//! The words in the pictures and their alt texts: the portal's labels as drawn (in the user's
//! language through the catalogue, as the real portal is localized) and the sentences that tell a
//! screen reader what each picture shows. The only UI text of the pictures, in one place for the
//! translation catalogues.

/// The portal's label `english` as the portal shows it in the user's language (the real
/// portal is localized); unknown labels stay as they are.
pub(super) fn l(english: &str) -> String {
    const LABELS: &[(&str, &str)] = &[
        (APP_FALLBACK, "gui.picture.label.app_fallback"),
        (ENTRA_USERS, "gui.picture.label.entra_users"),
        (ENTRA_GROUPS, "gui.picture.label.entra_groups"),
        (
            ENTRA_ENTERPRISE_APPS,
            "gui.picture.label.entra_enterprise_apps",
        ),
        (QUICKSTART, "gui.picture.label.quickstart"),
        (MANAGE, "gui.picture.label.manage"),
        (BRANDING, "gui.picture.label.branding"),
        (TOKEN_CONFIGURATION, "gui.picture.label.token_configuration"),
        (EXPOSE_AN_API, "gui.picture.label.expose_an_api"),
        (NEW_REGISTRATION, "gui.picture.label.new_registration"),
        (DISPLAY_NAME, "gui.picture.label.display_name"),
        (
            REGISTER_AN_APPLICATION,
            "gui.picture.label.register_an_application",
        ),
        (NAME, "gui.picture.label.name"),
        (
            SUPPORTED_ACCOUNT_TYPES,
            "gui.picture.label.supported_account_types",
        ),
        (THIS_DIRECTORY_ONLY, "gui.picture.label.this_directory_only"),
        (ANY_DIRECTORY, "gui.picture.label.any_directory"),
        (REGISTER, "gui.picture.label.register"),
        (ESSENTIALS, "gui.picture.label.essentials"),
        (CLIENT_ID, "gui.picture.label.client_id"),
        (OBJECT_ID, "gui.picture.label.object_id"),
        (TENANT_ID, "gui.picture.label.tenant_id"),
        (
            CONFIGURED_PERMISSIONS,
            "gui.picture.label.configured_permissions",
        ),
        (ADD_A_PERMISSION, "gui.picture.label.add_a_permission"),
        (API_PERMISSION_NAME, "gui.picture.label.api_permission_name"),
        (TYPE, "gui.picture.label.type"),
        (
            REQUEST_API_PERMISSIONS,
            "gui.picture.label.request_api_permissions",
        ),
        (
            DELEGATED_PERMISSIONS,
            "gui.picture.label.delegated_permissions",
        ),
        (
            APPLICATION_PERMISSIONS,
            "gui.picture.label.application_permissions",
        ),
        (ADD_PERMISSIONS, "gui.picture.label.add_permissions"),
        (CERTIFICATES_TAB, "gui.picture.label.certificates_tab"),
        (CLIENT_SECRETS_TAB, "gui.picture.label.client_secrets_tab"),
        (FEDERATED_TAB, "gui.picture.label.federated_tab"),
        (NEW_CLIENT_SECRET, "gui.picture.label.new_client_secret"),
        (DESCRIPTION, "gui.picture.label.description"),
        (EXPIRES, "gui.picture.label.expires"),
        (VALUE, "gui.picture.label.value"),
        (SECRET_ID, "gui.picture.label.secret_id"),
        (
            PLATFORM_CONFIGURATIONS,
            "gui.picture.label.platform_configurations",
        ),
        (ADD_A_PLATFORM, "gui.picture.label.add_a_platform"),
        (CONFIGURE_PLATFORMS, "gui.picture.label.configure_platforms"),
        (SINGLE_PAGE_APP, "gui.picture.label.single_page_app"),
        (MOBILE_DESKTOP, "gui.picture.label.mobile_desktop"),
        (CONFIGURE_WEB, "gui.picture.label.configure_web"),
        (REDIRECT_URIS, "gui.picture.label.redirect_uris"),
        (CONFIGURE, "gui.picture.label.configure"),
        (
            TITLE_NEW_REGISTRATION,
            "gui.picture.label.title_new_registration",
        ),
        (TITLE_OVERVIEW_IDS, "gui.picture.label.title_overview_ids"),
        (
            TITLE_API_PERMISSIONS,
            "gui.picture.label.title_api_permissions",
        ),
        (TITLE_CLIENT_SECRET, "gui.picture.label.title_client_secret"),
        (
            TITLE_AUTHENTICATION_WEB,
            "gui.picture.label.title_authentication_web",
        ),
    ];
    LABELS
        .iter()
        .find(|(label, _)| *label == english)
        .map_or_else(|| english.to_owned(), |(_, key)| crate::i18n::tr(key, &[]))
}

pub(super) const BRAND: &str = "Microsoft Azure";
pub(super) const APP_FALLBACK: &str = "Your app";
pub(super) const TITLE_SEPARATOR: &str = " | ";

pub(super) const ENTRA_USERS: &str = "Users";
pub(super) const ENTRA_GROUPS: &str = "Groups";
pub(super) const ENTRA_ENTERPRISE_APPS: &str = "Enterprise applications";
pub(super) const QUICKSTART: &str = "Quickstart";
pub(super) const MANAGE: &str = "Manage";
pub(super) const BRANDING: &str = "Branding & properties";
pub(super) const TOKEN_CONFIGURATION: &str = "Token configuration";
pub(super) const EXPOSE_AN_API: &str = "Expose an API";

pub(super) const NEW_REGISTRATION: &str = "New registration";
pub(super) const DISPLAY_NAME: &str = "Display name";
pub(super) const REGISTER_AN_APPLICATION: &str = "Register an application";
pub(super) const NAME: &str = "Name";
pub(super) const REQUIRED_MARK: &str = " *";
pub(super) const SUPPORTED_ACCOUNT_TYPES: &str = "Supported account types";
pub(super) const THIS_DIRECTORY_ONLY: &str = "This organizational directory only";
pub(super) const ANY_DIRECTORY: &str = "Any organizational directory";
pub(super) const REGISTER: &str = "Register";

pub(super) const ESSENTIALS: &str = "Essentials";
pub(super) const CLIENT_ID: &str = "Application (client) ID";
pub(super) const OBJECT_ID: &str = "Object ID";
pub(super) const TENANT_ID: &str = "Directory (tenant) ID";

pub(super) const CONFIGURED_PERMISSIONS: &str = "Configured permissions";
pub(super) const ADD_A_PERMISSION: &str = "Add a permission";
pub(super) const API_PERMISSION_NAME: &str = "API / Permission name";
pub(super) const TYPE: &str = "Type";
pub(super) const MICROSOFT_GRAPH: &str = "Microsoft Graph";
pub(super) const REQUEST_API_PERMISSIONS: &str = "Request API permissions";
pub(super) const DELEGATED_PERMISSIONS: &str = "Delegated permissions";
pub(super) const APPLICATION_PERMISSIONS: &str = "Application permissions";
pub(super) const ADD_PERMISSIONS: &str = "Add permissions";

pub(super) const CERTIFICATES_TAB: &str = "Certificates (0)";
pub(super) const CLIENT_SECRETS_TAB: &str = "Client secrets (1)";
pub(super) const FEDERATED_TAB: &str = "Federated credentials (0)";
pub(super) const NEW_CLIENT_SECRET: &str = "New client secret";
pub(super) const DESCRIPTION: &str = "Description";
pub(super) const EXPIRES: &str = "Expires";
pub(super) const VALUE: &str = "Value";
pub(super) const SECRET_ID: &str = "Secret ID";

pub(super) const PLATFORM_CONFIGURATIONS: &str = "Platform configurations";
pub(super) const ADD_A_PLATFORM: &str = "Add a platform";
pub(super) const CONFIGURE_PLATFORMS: &str = "Configure platforms";
pub(super) const WEB: &str = "Web";
pub(super) const SINGLE_PAGE_APP: &str = "Single-page application";
pub(super) const MOBILE_DESKTOP: &str = "Mobile and desktop";
pub(super) const CONFIGURE_WEB: &str = "Configure Web";
pub(super) const REDIRECT_URIS: &str = "Redirect URIs";
pub(super) const CONFIGURE: &str = "Configure";

pub(super) const TITLE_NEW_REGISTRATION: &str = "Register the app";
pub(super) const TITLE_OVERVIEW_IDS: &str = "Copy the IDs from Overview";
pub(super) const TITLE_API_PERMISSIONS: &str = "Add the delegated Graph permissions";
pub(super) const TITLE_CLIENT_SECRET: &str = "Create a client secret";
pub(super) const TITLE_AUTHENTICATION_WEB: &str = "Add the Web redirect URI";

/// "a, b and c" in the current language.
fn list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [only] => (*only).to_owned(),
        [init @ .., last] => crate::i18n::tr(
            "gui.picture.list",
            &[
                (
                    "items",
                    &init.join(&crate::i18n::tr("gui.picture.list_separator", &[])),
                ),
                ("last", last),
            ],
        ),
    }
}

fn quoted_or(value: &str, fallback_key: &str) -> String {
    if value.is_empty() {
        crate::i18n::tr(fallback_key, &[])
    } else {
        crate::i18n::tr("gui.picture.quoted", &[("value", value)])
    }
}

fn with_value(label: &str, value: &str) -> String {
    if value.is_empty() {
        label.to_owned()
    } else {
        format!("{label} ({value})")
    }
}

// The alt texts name the portal's own labels (as drawn) inside a sentence in the user's language.

pub(super) fn alt_new_registration(host: &str, name: &str) -> String {
    let name = quoted_or(name, "gui.picture.a_name");
    crate::i18n::tr(
        "gui.picture.alt.new_registration",
        &[
            ("host", host),
            ("new_registration", &l(NEW_REGISTRATION)),
            ("name_label", &l(NAME)),
            ("name", &name),
            ("register", &l(REGISTER)),
        ],
    )
}

pub(super) fn alt_overview_ids(host: &str, client_id: &str, tenant_id: &str) -> String {
    let client = with_value(&l(CLIENT_ID), client_id);
    let tenant = with_value(&l(TENANT_ID), tenant_id);
    crate::i18n::tr(
        "gui.picture.alt.overview_ids",
        &[("host", host), ("client", &client), ("tenant", &tenant)],
    )
}

pub(super) fn alt_api_permissions(host: &str, permissions: &[&str]) -> String {
    let permissions = list(permissions);
    crate::i18n::tr(
        "gui.picture.alt.api_permissions",
        &[
            ("host", host),
            ("add_a_permission", &l(ADD_A_PERMISSION)),
            ("graph", MICROSOFT_GRAPH),
            ("delegated", &l(DELEGATED_PERMISSIONS)),
            ("application", &l(APPLICATION_PERMISSIONS)),
            ("permissions", &permissions),
            ("add_permissions", &l(ADD_PERMISSIONS)),
        ],
    )
}

pub(super) fn alt_client_secret(host: &str, description: &str) -> String {
    let description = quoted_or(description, "gui.picture.a_description");
    crate::i18n::tr(
        "gui.picture.alt.client_secret",
        &[
            ("host", host),
            ("new_client_secret", &l(NEW_CLIENT_SECRET)),
            ("description", &description),
            ("description_label", &l(DESCRIPTION)),
            ("value", &l(VALUE)),
            ("secret_id", &l(SECRET_ID)),
        ],
    )
}

pub(super) fn alt_authentication_web(host: &str, redirect_uri: &str) -> String {
    let uri = if redirect_uri.is_empty() {
        crate::i18n::tr("gui.picture.the_redirect_uri", &[])
    } else {
        redirect_uri.to_owned()
    };
    crate::i18n::tr(
        "gui.picture.alt.authentication_web",
        &[
            ("host", host),
            ("add_a_platform", &l(ADD_A_PLATFORM)),
            ("web", WEB),
            ("spa", &l(SINGLE_PAGE_APP)),
            ("mobile", &l(MOBILE_DESKTOP)),
            ("uri", &uri),
            ("redirect_uris", &l(REDIRECT_URIS)),
            ("configure", &l(CONFIGURE)),
        ],
    )
}

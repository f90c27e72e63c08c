//! Two fields that look swapped. When a run's answers fit a swap — the tenant fails but the
//! server app's client ID answers as a tenant and the tenant ID as that app; or both secrets are
//! refused but each is accepted for the other app's client ID — the fix says "these two look
//! swapped" instead of two unrelated refusals, and the window offers a one-click swap. The extra
//! requests are made only when the answers already point that way.

use serde::Serialize;

use super::wire::LoginAnswer;
use super::{CheckId, CheckResult, CheckStatus, Checker, oauth, probe};
use crate::i18n::Text;
use crate::model::validation::is_guid;
use crate::model::{CheckInput, Field, IntegrationDocument};

/// A pair of fields whose values look like each other's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SuspectedSwap {
    /// The tenant ID and the server app's client ID.
    TenantAndServerClientId,
    /// The server app's and the single sign-on app's client IDs.
    ServerAndSsoClientIds,
}

impl SuspectedSwap {
    pub fn fields(self) -> [Field; 2] {
        match self {
            SuspectedSwap::TenantAndServerClientId => [Field::TenantId, Field::ServerClientId],
            SuspectedSwap::ServerAndSsoClientIds => [Field::ServerClientId, Field::SsoClientId],
        }
    }

    /// The checks whose fix becomes this sentence.
    fn checks(self) -> &'static [CheckId] {
        match self {
            SuspectedSwap::TenantAndServerClientId => &[CheckId::Tenant],
            SuspectedSwap::ServerAndSsoClientIds => &[CheckId::ServerSecret, CheckId::SsoSecret],
        }
    }

    /// "Tenant ID and Client ID look swapped: …" in the user's language.
    pub fn text(self) -> Text {
        let [first, second] = self.fields();
        Text::new(match self {
            SuspectedSwap::TenantAndServerClientId => "checks.swap.tenant_and_client_id",
            SuspectedSwap::ServerAndSsoClientIds => "checks.swap.client_ids",
        })
        .arg_text("first", crate::ones::error::field_title_text(first))
        .arg_text("second", crate::ones::error::field_title_text(second))
    }

    /// Swaps the two values in `doc`.
    pub fn apply(self, doc: &mut IntegrationDocument) {
        match self {
            SuspectedSwap::TenantAndServerClientId => {
                std::mem::swap(&mut doc.server_app.tenant_id, &mut doc.server_app.client_id)
            }
            SuspectedSwap::ServerAndSsoClientIds => {
                std::mem::swap(&mut doc.server_app.client_id, &mut doc.sso_app.client_id);
            }
        }
    }
}

fn failed(results: &[CheckResult], id: CheckId) -> bool {
    results
        .iter()
        .any(|result| result.id == id && result.status == CheckStatus::Fail)
}

impl Checker {
    /// The swaps the answers in `results` fit, confirmed with Microsoft; the fix of each affected
    /// result becomes the swap's sentence.
    pub(super) async fn settle_swaps(
        &self,
        input: CheckInput<'_>,
        results: &mut [CheckResult],
    ) -> Vec<SuspectedSwap> {
        let mut swaps = Vec::new();
        if failed(results, CheckId::Tenant) && self.tenant_and_client_id_swapped(input).await {
            swaps.push(SuspectedSwap::TenantAndServerClientId);
        }
        if failed(results, CheckId::ServerSecret)
            && failed(results, CheckId::SsoSecret)
            && self.client_ids_swapped(input).await
        {
            swaps.push(SuspectedSwap::ServerAndSsoClientIds);
        }
        for swap in &swaps {
            for result in results
                .iter_mut()
                .filter(|result| swap.checks().contains(&result.id))
            {
                use crate::i18n::SummaryAndFix as _;
                result.set_fix(swap.text());
            }
        }
        swaps
    }

    /// The client ID resolves as a tenant, and in it the tenant ID signs in as an app with the
    /// server secret.
    async fn tenant_and_client_id_swapped(&self, input: CheckInput<'_>) -> bool {
        let tenant = input.tenant;
        let client_id = input.server_client_id;
        if !is_guid(tenant) || !is_guid(client_id) || tenant.eq_ignore_ascii_case(client_id) {
            return false;
        }
        let login = self.endpoints.login(input.operator);
        if !matches!(
            probe::discover(&self.wire, login, client_id).await,
            LoginAnswer::Success(_)
        ) {
            return false;
        }
        let secret = input.server_secret;
        secret.is_empty()
            || matches!(
                oauth::client_credentials(
                    &self.wire,
                    login,
                    client_id,
                    tenant,
                    secret,
                    &self.endpoints.graph_default_scope(input.operator),
                )
                .await,
                LoginAnswer::Success(())
            )
    }

    /// Each secret is accepted for the other app's client ID.
    async fn client_ids_swapped(&self, input: CheckInput<'_>) -> bool {
        let tenant = input.tenant;
        let server = input.server_client_id;
        let sso = input.sso_client_id;
        if !is_guid(server) || !is_guid(sso) || server.eq_ignore_ascii_case(sso) {
            return false;
        }
        if input.server_secret.is_empty() || input.sso_secret.is_empty() {
            return false;
        }
        let login = self.endpoints.login(input.operator);
        let scope = self.endpoints.graph_default_scope(input.operator);
        let (server_secret_for_sso_id, sso_secret_for_server_id) = tokio::join!(
            oauth::client_credentials(&self.wire, login, tenant, sso, input.server_secret, &scope),
            oauth::client_credentials(&self.wire, login, tenant, server, input.sso_secret, &scope),
        );
        matches!(server_secret_for_sso_id, LoginAnswer::Success(()))
            && matches!(sso_secret_for_server_id, LoginAnswer::Success(()))
    }
}

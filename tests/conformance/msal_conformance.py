"""MSAL for Python (Microsoft's own client library) against `ones-m365 sandbox`.

Proves that a client nobody here wrote accepts every answer of the Microsoft stand-in and parses
every error it sends: client credentials on both clouds (right, wrong and expired secret),
authority (tenant and instance) discovery, the authorization code flow with PKCE (playing the
stand-in's sign-in form as the demo account), refresh, and the cross-cloud refusal. ID tokens are
also verified with PyJWT against the keys published at the discovery document's `jwks_uri`.

MSAL insists on https authorities on Microsoft's host names, so it gets an `http_client` that
sends requests for those hosts to the stand-in on 127.0.0.1 (and refuses any other host: this
never touches the internet).

Usage: python msal_conformance.py PATH_TO_ones-m365
Exit 0 when every case passed, 1 otherwise.
"""

import html.parser
import json
import queue
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import warnings

import jwt
import msal
import requests

TIMEOUT = 20  # seconds, every request
GRAPH = {
    "global": "https://graph.microsoft.com",
    "china": "https://microsoftgraph.chinacloudapi.cn",
}
AUTHORITY_HOST = {
    "global": "https://login.microsoftonline.com",
    "china": "https://login.partner.microsoftonline.cn",
}
WRONG_SECRET = "wRo8Q~ThisIsNotTheRightSecretValue.12345"
# MSAL's advice for web apps; the stand-in's redirect is read from the Location header here.
warnings.filterwarnings("ignore", message="response_mode='form_post' is recommended")


class StandInHttpClient:
    """MSAL's http_client: Microsoft's login hosts → the stand-in; loopback as is; nothing else."""

    def __init__(self, login):
        self.hosts = {
            "login.microsoftonline.com": login["global"],
            "login.windows.net": login["global"],
            "login.microsoft.com": login["global"],
            "login.partner.microsoftonline.cn": login["china"],
            "login.chinacloudapi.cn": login["china"],
        }
        self.session = requests.Session()
        self.session.trust_env = False  # no proxies: everything is on 127.0.0.1
        self.log = []

    def _map(self, url):
        """The address to send to, and the Host header (the real name, so the stand-in answers
        with Microsoft's https URLs as Microsoft does)."""
        parts = urllib.parse.urlsplit(url)
        host = (parts.hostname or "").lower()
        if host in self.hosts:
            target = urllib.parse.urlsplit(self.hosts[host])
            return parts._replace(scheme=target.scheme, netloc=target.netloc).geturl(), host
        if host == "127.0.0.1":
            # The stand-in speaks plain http; MSAL wants https authorities.
            return parts._replace(scheme="http").geturl(), None
        raise RuntimeError("refusing to leave 127.0.0.1: " + url)

    def get(self, url, params=None, headers=None, **kwargs):
        return self._send("GET", url, params=params, headers=headers, **kwargs)

    def post(self, url, params=None, data=None, headers=None, **kwargs):
        return self._send("POST", url, params=params, data=data, headers=headers, **kwargs)

    def _send(self, method, url, **kwargs):
        kwargs.pop("timeout", None)
        mapped, host = self._map(url)
        headers = dict(kwargs.pop("headers", None) or {})
        if host:
            headers["Host"] = host
        response = self.session.request(
            method, mapped, headers=headers, timeout=TIMEOUT, allow_redirects=False, **kwargs
        )
        self.log.append((method, urllib.parse.urlsplit(url).path, response.status_code))
        return response

    def close(self):
        self.session.close()


class FormReader(html.parser.HTMLParser):
    """The stand-in's sign-in form: its action and hidden fields."""

    def __init__(self):
        super().__init__()
        self.action = None
        self.fields = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.action = attrs.get("action")
        elif tag == "input" and attrs.get("type") == "hidden":
            self.fields[attrs["name"]] = attrs.get("value", "")


class Sandbox:
    """`ones-m365 sandbox --json`, stopped with SIGINT at the end."""

    def __init__(self, binary):
        self.process = subprocess.Popen(
            [binary, "sandbox", "--json"],
            stdout=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
        )
        lines = queue.Queue()
        threading.Thread(target=lambda: lines.put(self.process.stdout.readline()), daemon=True).start()
        try:
            line = lines.get(timeout=60)
        except queue.Empty:
            self.stop()
            raise RuntimeError("ones-m365 sandbox printed nothing within 60 s")
        try:
            self.facts = json.loads(line)
        except ValueError:
            self.stop()
            raise RuntimeError(f"ones-m365 sandbox did not print its JSON facts first: {line[:200]!r}")

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(2)  # SIGINT, as Ctrl-C
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)
        return self.process.returncode


class Run:
    def __init__(self, facts):
        self.facts = facts
        self.demo = facts["demo"]
        login = {cloud: facts["microsoft"][cloud]["login"] for cloud in ("global", "china")}
        self.http = StandInHttpClient(login)
        with open(facts["document"], encoding="utf-8") as document:
            doc = json.load(document)
        self.secret = doc["server_app"]["client_secret"]
        self.results = []

    def case(self, name, function):
        started = time.monotonic()
        try:
            detail = function() or ""
            self.results.append((name, True, detail))
        except Exception as error:  # a failed case is reported, the others still run
            self.results.append((name, False, "{}: {}".format(type(error).__name__, error)))
        self.results[-1] += (time.monotonic() - started,)

    def tenant(self, cloud):
        return self.demo["tenant_id"] if cloud == "global" else self.demo["china_tenant_id"]

    def app(self, cloud, secret, tenant=None, authority=None, **kwargs):
        return msal.ConfidentialClientApplication(
            self.demo["server_client_id"],
            client_credential=secret,
            authority=authority or "{}/{}".format(AUTHORITY_HOST[cloud], tenant or self.tenant(cloud)),
            http_client=self.http,
            **kwargs,
        )

    # Client credentials ------------------------------------------------------------------

    def client_credentials(self, cloud, secret, expected_code):
        result = self.app(cloud, secret).acquire_token_for_client([GRAPH[cloud] + "/.default"])
        if expected_code is None:
            expect("access_token" in result, "no access token: %s" % sorted(result))
            expect(result.get("token_type") == "Bearer", "token_type %r" % result.get("token_type"))
            expect(result.get("token_source") == "identity_provider", "token_source")
            return "token, expires_in %s" % result.get("expires_in")
        return self.expect_error(result, expected_code)

    def expect_error(self, result, code, error=None):
        expect("access_token" not in result, "a token where an error was expected")
        expect(result.get("error_codes") == [code], "error_codes %r, wanted [%d]" % (result.get("error_codes"), code))
        expect(str(result.get("error_description", "")).startswith("AADSTS%d" % code), "error_description")
        for field in ("trace_id", "correlation_id", "timestamp", "error_uri"):
            expect(result.get(field), "no %s in the error" % field)
        if error:
            expect(result.get("error") == error, "error %r, wanted %r" % (result.get("error"), error))
        return "%s AADSTS%d" % (result.get("error"), code)

    def cross_cloud(self):
        # MSAL's own OAuth client against the global host's token endpoint for a 21Vianet
        # tenant; it authenticates with HTTP Basic (client_secret_basic).
        client = msal.oauth2cli.oidc.Client(
            {"token_endpoint": "{}/{}/oauth2/v2.0/token".format(AUTHORITY_HOST["global"], self.demo["china_tenant_id"])},
            self.demo["server_client_id"],
            client_secret=self.secret,
            http_client=self.http,
        )
        result = client.obtain_token_for_client(scope=[GRAPH["global"] + "/.default"])
        return self.expect_error(result, 900382, "invalid_request")

    def basic_auth(self):
        client = msal.oauth2cli.oidc.Client(
            {"token_endpoint": "{}/{}/oauth2/v2.0/token".format(AUTHORITY_HOST["global"], self.demo["tenant_id"])},
            self.demo["server_client_id"],
            client_secret=self.secret,
            http_client=self.http,
        )
        result = client.obtain_token_for_client(scope=[GRAPH["global"] + "/.default"])
        expect("access_token" in result, "HTTP Basic refused: %s" % result.get("error_description"))
        return "client_secret_basic accepted"

    # Discovery ---------------------------------------------------------------------------

    def tenant_discovery(self, cloud):
        authority = msal.authority.Authority(
            "{}/{}".format(AUTHORITY_HOST[cloud], self.tenant(cloud)), self.http
        )
        expect(authority.tenant == self.tenant(cloud), "tenant %r" % authority.tenant)
        expect(authority.token_endpoint.endswith("/oauth2/v2.0/token"), "token_endpoint")
        config = self.discovery(cloud)
        wanted = {
            "global": ("microsoftonline.com", "graph.windows.net", "https://pas.windows.net"),
            "china": ("partner.microsoftonline.cn", "graph.chinacloudapi.cn", "https://pas.chinacloudapi.cn"),
        }[cloud]
        got = (config["cloud_instance_name"], config["cloud_graph_host_name"], config["rbac_url"])
        expect(got == wanted, "discovery values %r" % (got,))
        return "tenant %s, %s" % (authority.tenant, got[0])

    def discovery(self, cloud):
        response = self.http.get(
            "{}/{}/v2.0/.well-known/openid-configuration".format(AUTHORITY_HOST[cloud], self.tenant(cloud))
        )
        expect(response.status_code == 200, "discovery HTTP %d" % response.status_code)
        expect("max-age" in response.headers.get("Cache-Control", ""), "discovery not cacheable")
        return response.json()

    def unknown_tenant(self):
        try:
            self.app("global", self.secret, tenant="00000000-1111-2222-3333-444444444444")
        except ValueError as error:
            expect("authority" in str(error).lower(), str(error))
            return "MSAL: unknown tenant refused at discovery"
        raise AssertionError("MSAL accepted an unknown tenant")

    def instance_discovery(self):
        # MSAL asks instance discovery when it finds no account under its authority's host: an
        # account signed in through login.microsoftonline.com is found through the alias
        # login.windows.net that the stand-in's instance metadata lists.
        cache = msal.TokenCache()
        first = self.app("global", self.secret, token_cache=cache)
        result, scopes = self.sign_in(first, self.demo["account"], self.demo["password"])
        expect("access_token" in result, "no token: %s" % result.get("error_description"))
        second = self.app(
            "global", self.secret, token_cache=cache,
            authority="https://login.windows.net/" + self.demo["tenant_id"],
        )
        before = len(self.http.log)
        accounts = second.get_accounts()
        asked = [entry for entry in self.http.log[before:] if entry[1] == "/common/discovery/instance"]
        expect(asked and asked[0][2] == 200, "instance discovery not asked or refused: %r" % self.http.log[before:])
        expect([account["username"] for account in accounts] == [self.demo["account"]], "accounts %r" % accounts)
        silent = second.acquire_token_silent(scopes, account=accounts[0])
        expect(silent and "access_token" in silent, "no token through the alias: %r" % silent)
        try:
            self.app("global", self.secret, authority="https://login.not-microsoft.example/" + self.demo["tenant_id"])
        except ValueError as error:
            expect("invalid_instance" in str(error), str(error))
            return "account found through the alias login.windows.net; unknown instance refused (invalid_instance)"
        raise AssertionError("MSAL accepted an unknown instance")

    # Authorization code + PKCE, refresh --------------------------------------------------

    def sign_in(self, app, username, password):
        scopes = [GRAPH["global"] + "/Calendars.ReadWrite.Shared"]
        flow = app.initiate_auth_code_flow(scopes, redirect_uri="http://localhost:8400")
        expect("code_verifier" in flow and "nonce" in flow, "MSAL made no PKCE verifier or nonce")
        page = self.http.get(flow["auth_uri"])
        expect(page.status_code == 200, "sign-in page HTTP %d" % page.status_code)
        form = FormReader()
        form.feed(page.text)
        expect(form.action, "no sign-in form")
        fields = dict(form.fields, login=username, passwd=password)
        answer = self.http.post(urllib.parse.urljoin(flow["auth_uri"], form.action), data=fields)
        expect(answer.status_code == 302, "sign-in form HTTP %d" % answer.status_code)
        location = urllib.parse.urlsplit(answer.headers["Location"])
        expect(location.netloc.startswith("localhost"), "redirected to %s" % location.netloc)
        response = dict(urllib.parse.parse_qsl(location.query))
        return app.acquire_token_by_auth_code_flow(flow, response), scopes

    def auth_code_and_refresh(self):
        app = self.app("global", self.secret)
        result, scopes = self.sign_in(app, self.demo["account"], self.demo["password"])
        expect("access_token" in result, "no token: %s" % result.get("error_description"))
        expect("refresh_token" in result, "no refresh token")
        claims = result["id_token_claims"]
        expect(claims.get("preferred_username") == self.demo["account"], "preferred_username")
        expect("Calendars.ReadWrite.Shared" in result.get("scope", ""), "scope %r" % result.get("scope"))
        for scope in ("openid", "profile", "email"):
            expect(scope in result["scope"].split(), "%s not echoed" % scope)
        self.verify_id_token(result["id_token"])
        accounts = app.get_accounts()
        expect(len(accounts) == 1 and accounts[0]["username"] == self.demo["account"], "accounts %r" % accounts)
        expect(accounts[0]["home_account_id"].endswith("." + self.demo["tenant_id"]), "home_account_id from client_info")

        refreshed = app.acquire_token_silent_with_error(scopes, account=accounts[0], force_refresh=True)
        expect(refreshed and "access_token" in refreshed, "refresh failed: %r" % (refreshed or {}).get("error_description"))
        expect(refreshed["access_token"] != result["access_token"], "the refresh returned the same token")
        expect(refreshed.get("token_source") == "identity_provider", "not refreshed at the stand-in")

        bogus = app.acquire_token_by_refresh_token("not-a-refresh-token", scopes)
        self.expect_error(bogus, 70008, "invalid_grant")
        return "signed in as %s, refreshed; bogus refresh token → AADSTS70008" % claims["preferred_username"]

    def verify_id_token(self, id_token):
        config = self.discovery("global")
        keys = self.http.get(config["jwks_uri"]).json()["keys"]
        kid = jwt.get_unverified_header(id_token)["kid"]
        jwk = next(key for key in keys if key["kid"] == kid)
        jwt.decode(
            id_token,
            jwt.PyJWK(jwk).key,
            algorithms=["RS256"],
            audience=self.demo["server_client_id"],
            issuer=config["issuer"],
            options={"require": ["exp", "iat", "nbf", "sub", "iss", "aud"]},
        )

    def sign_in_refused(self, account, code, error):
        app = self.app("global", self.secret)
        result, _ = self.sign_in(app, account, self.demo["password"])
        expect(result.get("error") == error, "error %r" % result.get("error"))
        expect(("AADSTS%d" % code) in result.get("error_description", ""), result.get("error_description"))
        return "%s AADSTS%d back at the redirect URI" % (error, code)


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[-2])
        return 2
    started = time.monotonic()
    # `timeout` in run.sh sends SIGTERM: exit through `finally`, so the sandbox is stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sandbox = Sandbox(sys.argv[1])
    try:
        run = Run(sandbox.facts)
        expired = run.demo["expired_server_secret"]
        for cloud in ("global", "china"):
            run.case("client credentials, %s, right secret" % cloud, lambda c=cloud: run.client_credentials(c, run.secret, None))
            run.case("client credentials, %s, wrong secret" % cloud, lambda c=cloud: run.client_credentials(c, WRONG_SECRET, 7000215))
            run.case("client credentials, %s, expired secret" % cloud, lambda c=cloud: run.client_credentials(c, expired, 7000222))
            run.case("tenant discovery, %s" % cloud, lambda c=cloud: run.tenant_discovery(c))
        run.case("unknown tenant", run.unknown_tenant)
        run.case("instance discovery", run.instance_discovery)
        run.case("client_secret_basic", run.basic_auth)
        run.case("cross-cloud confidential client", run.cross_cloud)
        run.case("auth code + PKCE, refresh", run.auth_code_and_refresh)
        mfa = run.demo["account"].replace("ones-rooms@", "ones-rooms-mfa@")
        no_consent = run.demo["account"].replace("ones-rooms@", "ones-rooms-new@")
        run.case("sign-in needing MFA", lambda: run.sign_in_refused(mfa, 50076, "interaction_required"))
        run.case("sign-in without consent", lambda: run.sign_in_refused(no_consent, 65001, "consent_required"))
        run.http.close()
    finally:
        code = sandbox.stop()
    failed = [result for result in run.results if not result[1]]
    for name, ok, detail, seconds in run.results:
        print("[%s] %-42s %5.2fs  %s" % ("pass" if ok else "FAIL", name, seconds, detail))
    print("msal %s: %d cases, %d failed, %d requests, sandbox exit %s, %.1fs" % (
        msal.__version__, len(run.results), len(failed), len(run.http.log), code, time.monotonic() - started))
    return 1 if failed or code != 0 else 0


if __name__ == "__main__":
    sys.exit(main())

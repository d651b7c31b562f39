// OpenID Connect sign-in (CONTRACT §3): GET /auth/sso/start and the provider's return to /auth/sso/callback.
import { Hono, type Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { saveSsoFlow, SSO_FLOW_TTL, takeSsoFlow, type FlowInvitation } from "../../auth/sso/flows.ts";
import { createOidcClient, type OidcClient } from "../../auth/sso/oidc-client.ts";
import { completeSsoSignIn } from "../../core/auth/sso-sign-in.ts";
import type { Config } from "../../core/config.ts";
import type { AppEnv } from "../env.ts";
import { ssoProblemPage } from "../pages.ts";

/** Binds a flow to the browser that started it, so a callback URL cannot be planted in another browser. */
const STATE_COOKIE = "gatehouse_sso_state";
const COOKIE_PATH = "/auth/sso";

const clients = new WeakMap<Config, OidcClient>();

function oidcClientFor(config: Config): OidcClient | null {
  if (config.authMode !== "sso" || !config.sso) return null;
  let client = clients.get(config);
  if (!client) {
    client = createOidcClient(config.sso, { redirectUri: `${config.publicUrl}/auth/sso/callback`, production: config.production });
    clients.set(config, client);
  }
  return client;
}

/** Sends the browser to the provider; `invitation` ties the flow to the invitation token it completes. */
export async function startSsoFlow(c: Context<AppEnv>, invitation: FlowInvitation | null, loginHint?: string): Promise<Response> {
  const { config, db, clock, log } = c.var.deps;
  const client = oidcClientFor(config);
  if (!client) return c.html(ssoProblemPage("UNAVAILABLE"), 404);
  const params = client.newParams();
  let url: URL;
  try {
    url = await client.authorizationUrl(params, loginHint);
  } catch (error) {
    log.error(`SSO discovery at ${config.sso!.issuer} failed`, error);
    return c.html(ssoProblemPage("UNAVAILABLE"), 502);
  }
  await saveSsoFlow(db, clock, params, invitation);
  setCookie(c, STATE_COOKIE, params.state, {
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: "Lax",
    secure: config.publicUrl.startsWith("https:"),
    maxAge: SSO_FLOW_TTL / 1000,
  });
  return c.redirect(url.href, c.req.method === "GET" ? 302 : 303);
}

export const ssoRoutes = new Hono<AppEnv>()
  .get("/start", (c) => startSsoFlow(c, null))
  .get("/callback", async (c) => {
    const deps = c.var.deps;
    const client = oidcClientFor(deps.config);
    if (!client) return c.html(ssoProblemPage("UNAVAILABLE"), 404);
    const state = c.req.query("state");
    const expected = getCookie(c, STATE_COOKIE);
    deleteCookie(c, STATE_COOKIE, { path: COOKIE_PATH });
    const flow = state && state === expected ? await takeSsoFlow(deps.db, deps.clock, state) : null;
    if (!flow) return c.html(ssoProblemPage("FAILED"), 400);

    let identity;
    try {
      identity = await client.identify(new URL(c.req.url), flow);
    } catch (error) {
      // Cancelled at the provider, a bad code, or an ID token that failed validation.
      deps.log.info(`SSO callback refused: ${error instanceof Error ? error.message : String(error)}`);
      return c.html(ssoProblemPage("FAILED"), 400);
    }
    const outcome = await completeSsoSignIn(deps, identity, flow);
    if ("refused" in outcome) return c.html(ssoProblemPage(outcome.refused), 403);
    const { sessions } = deps;
    c.header("Set-Cookie", sessions.cookie(await sessions.create(outcome.userId)), { append: true });
    return c.redirect("/", 303);
  });

// POST /auth/email-link (CONTRACT §3): always 202, so the answer never tells who has an account.
import { Hono, type Context } from "hono";
import { requestEmailLink } from "../../auth/email-link.ts";
import type { AppEnv } from "../env.ts";
import { checkEmailPage } from "../pages.ts";

/**
 * The client's address for the per-address throttle. Behind a reverse proxy, CLIENT_IP_HEADER names
 * the header it writes (for X-Forwarded-For the last entry: the one the proxy appended). Otherwise
 * the socket's peer on Node (@hono/node-server), or the header Cloudflare sets on Workers; a
 * client-sent X-Forwarded-For is never trusted by default.
 */
function clientAddress(c: Context<AppEnv>): string | null {
  const header = c.var.deps.config.clientIpHeader;
  if (header) return c.req.header(header)?.split(",").at(-1)?.trim() || null;
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  if (incoming) return incoming.socket?.remoteAddress ?? null;
  return c.req.header("CF-Connecting-IP") ?? null;
}

async function readEmail(c: Context<AppEnv>): Promise<unknown> {
  try {
    if (c.req.header("Content-Type")?.includes("application/json")) return ((await c.req.json()) as { email?: unknown })?.email;
    return (await c.req.parseBody()).email;
  } catch {
    return undefined;
  }
}

export const emailLinkRoutes = new Hono<AppEnv>().post("/", async (c) => {
  const { delivery } = await requestEmailLink(c.var.deps, { email: await readEmail(c), clientAddress: clientAddress(c) });
  // The mail goes out after the answer, so its timing does not reveal which accounts exist.
  try {
    c.executionCtx.waitUntil(delivery);
  } catch {
    // Node has no execution context; the promise runs on by itself.
  }
  const wantsJson = c.req.header("Content-Type")?.includes("application/json") || c.req.header("Accept")?.includes("application/json");
  return wantsJson ? c.json({ ok: true }, 202) : c.html(checkEmailPage(), 202);
});

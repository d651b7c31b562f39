// messageCap(): holds the signed-in user to their daily message cap (CONTRACT §7) around a chat route.
import type { MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { admitChat, renewChat, settleChat, stateAfter, type Admission } from "../../core/cap/cap.ts";
import { rateLimitHeaders, refusal } from "../../core/cap/headers.ts";
import { RESERVATION_MS } from "../../core/cap/ledger.ts";
import type { Deps } from "../../core/deps.ts";
import type { AppEnv } from "../env.ts";
import { errorBody } from "../error-status.ts";

export interface MessageCapOptions {
  /** Which 2xx answers are streams, settled when the body ends rather than when the handler returns. */
  isStream?: (response: Response) => boolean;
}

const eventStream = (res: Response) => /^(text\/event-stream|application\/x-ndjson)/i.test(res.headers.get("Content-Type") ?? "");

export function messageCap(options: MessageCapOptions = {}): MiddlewareHandler<AppEnv> {
  const isStream = options.isStream ?? eventStream;
  return async function messageCap(c, next) {
    const auth = c.var.auth;
    if (!auth) throw new HTTPException(401, { res: Response.json(errorBody("UNAUTHENTICATED", "Sign in first."), { status: 401 }) });
    const deps = c.var.deps;
    const admission = await admitChat(deps, auth.user.id);
    if (admission.kind === "refused") {
      const { headers, body } = refusal(admission.state, deps.clock.now());
      throw new HTTPException(429, { res: Response.json(body, { status: 429, headers }) });
    }

    await next();
    const ok = c.res.status >= 200 && c.res.status < 300 && !c.error;
    if (ok && c.res.body && isStream(c.res)) {
      c.res = new Response(settledOnEnd(deps, admission, c.res.body, c.req.raw.signal), c.res);
    } else {
      await settleChat(deps, admission, ok);
    }
    // A stream's headers go out now: its reservation counts (in-flight chats hold their slot).
    if (admission.kind === "reserved") setHeaders(c, rateLimitHeaders(stateAfter(admission, ok), deps.clock.now()));
  };
}

function setHeaders(c: { res: Response }, headers: Record<string, string>) {
  try {
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  } catch {
    // Immutable headers (a Response from fetch): copy it.
    c.res = new Response(c.res.body, c.res);
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  }
}

/**
 * The aborted-stream rule: a 2xx stream counts when it ends, or when the client goes away after
 * receiving its first chunk; it is released when its body fails on the server's side, or when the
 * client goes away before any chunk. A long stream renews its reservation so it never lapses.
 */
function settledOnEnd(deps: Deps, admission: Admission, body: ReadableStream<Uint8Array>, signal: AbortSignal) {
  let started = false;
  let settled = false;
  const reader = body.getReader();
  const renewal = setInterval(() => void renewChat(deps, admission).catch(() => {}), RESERVATION_MS / 2);
  const settle = (succeeded: boolean) => {
    if (settled) return Promise.resolve();
    settled = true;
    clearInterval(renewal);
    signal.removeEventListener("abort", onAbort);
    return settleChat(deps, admission, succeeded).catch((error) => deps.log.error("message cap: settling a stream failed", error));
  };
  const onAbort = () => void settle(started);
  signal.addEventListener("abort", onAbort);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          await settle(true);
          controller.close();
        } else {
          started = true;
          controller.enqueue(value);
        }
      } catch (error) {
        await settle(false);
        controller.error(error);
      }
    },
    async cancel(reason) {
      await settle(started);
      await reader.cancel(reason).catch(() => {});
    },
  }, { highWaterMark: 0 }); // pull only when the client reads: `started` means a chunk went out
}

// RateLimit headers (RFC 9651 structured-field lists, CONTRACT §7) and the refusal body, from a cap state.
import type { CapState } from "./ledger.ts";
import { WINDOW_MS } from "./ledger.ts";

const secondsUntil = (at: number | null, now: number): number => (at === null ? 0 : Math.max(0, Math.ceil((at - now) / 1000)));

/** Headers for a limited user's response; none for unlimited users. */
export function rateLimitHeaders(state: CapState, now: number): Record<string, string> {
  if (state.limit === null) return {};
  const remaining = Math.max(0, state.limit - state.used);
  return {
    "RateLimit-Policy": `"daily";q=${state.limit};w=${WINDOW_MS / 1000}`,
    RateLimit: `"daily";r=${remaining};t=${secondsUntil(state.resetAt, now)}`,
  };
}

/** The 429 answer's extra headers and body. */
export function refusal(state: CapState, now: number) {
  const retryAfter = Math.max(1, secondsUntil(state.resetAt, now));
  const resetAt = state.resetAt === null ? null : new Date(state.resetAt).toISOString();
  return {
    headers: { ...rateLimitHeaders(state, now), "Retry-After": String(retryAfter) },
    body: {
      error: {
        code: "DAILY_MESSAGE_LIMIT",
        message: `You have used all ${state.limit} messages of the last 24 hours; try again after ${resetAt ?? "a moment"}.`,
        limit: state.limit,
        resetAt,
      },
    },
  };
}

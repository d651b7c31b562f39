// The `http` transport: one JSON POST per message with Web fetch, so it runs on Workers as well as Node.
import type { MailMessage, Mailer } from "./mailer.ts";

export interface HttpMailerOptions {
  url: string;
  /** Sent as `Authorization: Bearer <token>` when set. */
  token: string | undefined;
  from: string;
  fetch?: typeof fetch;
  /** Give up on a slow mail API after this long; the invitation keeps the error and can be resent. */
  timeoutMs?: number;
}

/**
 * Body: `{"from", "to", "subject", "text", "html"}`. Any 2xx is success; anything else throws, so the
 * caller records a delivery error. Point it at a small relay for APIs with another shape.
 */
export function httpMailer(options: HttpMailerOptions): Mailer {
  const send = options.fetch ?? fetch;
  return {
    async send(message: MailMessage) {
      const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      const response = await send(options.url, {
        method: "POST",
        headers,
        body: JSON.stringify({ from: options.from, ...message }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
      await response.body?.cancel();
      if (!response.ok) throw new Error(`mail API answered ${response.status}`);
    },
  };
}

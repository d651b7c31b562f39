// The example chat's replies: a deterministic echo, or an OpenAI-compatible upstream (CONTRACT §3).
import type { Config } from "../../core/config.ts";

export class UpstreamError extends Error {
  override readonly name = "UpstreamError";
}

type ChatConfig = Config["chat"];

/** The echo's words, so the streamed and the plain answer are the same text. */
export const echoReply = (message: string) => `Echo: ${message}`;

/** How long the upstream may take to start answering; a stream may then run as long as it needs. */
export const UPSTREAM_FIRST_BYTE_MS = 60_000;
/** How long a whole non-streamed answer may take. */
export const UPSTREAM_REPLY_MS = 120_000;

/** Aborts when the client leaves, or when `ms` pass before `settle()` is called. */
function deadline(ms: number, client?: AbortSignal) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new UpstreamError(`upstream gave no answer within ${ms / 1000} s`)), ms);
  const follow = () => controller.abort(client?.reason);
  client?.addEventListener("abort", follow, { once: true });
  return {
    signal: controller.signal,
    settle: () => clearTimeout(timer),
    release: () => {
      clearTimeout(timer);
      client?.removeEventListener("abort", follow);
    },
  };
}

async function post(chat: ChatConfig, message: string, stream: boolean, signal: AbortSignal): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(`${chat.upstreamUrl!.replace(/\/+$/, "")}/chat/completions`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...(chat.upstreamKey ? { Authorization: `Bearer ${chat.upstreamKey}` } : {}) },
      body: JSON.stringify({ model: chat.model, messages: [{ role: "user", content: message }], stream }),
      signal,
    });
  } catch (error) {
    const reason = signal.aborted && signal.reason instanceof UpstreamError ? signal.reason.message : (error as Error).message;
    throw new UpstreamError(`upstream unreachable: ${reason}`);
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => {});
    throw new UpstreamError(`upstream answered ${res.status}`);
  }
  return res;
}

export async function reply(chat: ChatConfig, message: string, client?: AbortSignal): Promise<string> {
  if (!chat.upstreamUrl) return echoReply(message);
  const limit = deadline(UPSTREAM_REPLY_MS, client);
  const body = await post(chat, message, false, limit.signal)
    .then((res) => res.json().catch(() => null) as Promise<{ choices?: { message?: { content?: unknown } }[] } | null>)
    .finally(limit.release);
  const content = body?.choices?.[0]?.message?.content;
  if (typeof content !== "string") throw new UpstreamError("upstream answered without a reply");
  return content;
}

/**
 * The reply as text deltas. Throws UpstreamError before the first delta when the upstream refuses;
 * a failure later surfaces as an error from the iterator.
 */
export async function replyDeltas(chat: ChatConfig, message: string, signal?: AbortSignal): Promise<AsyncIterable<string>> {
  if (!chat.upstreamUrl) {
    const words = echoReply(message).split(/(?<= )/);
    return (async function* () {
      yield* words;
    })();
  }
  const limit = deadline(UPSTREAM_FIRST_BYTE_MS, signal);
  const res = await post(chat, message, true, limit.signal).finally(limit.settle);
  return (async function* () {
    const decoder = new TextDecoder();
    let buffer = "";
    for await (const chunk of res.body! as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      const lines = buffer.split("\n");
      buffer = lines.pop()!;
      for (const line of lines) {
        const data = line.match(/^data:\s?(.*)$/)?.[1]?.trim();
        if (!data) continue;
        if (data === "[DONE]") return;
        const delta = (JSON.parse(data) as { choices?: { delta?: { content?: string } }[] }).choices?.[0]?.delta?.content;
        if (delta) yield delta;
      }
    }
    throw new UpstreamError("upstream stream ended without [DONE]");
  })();
}

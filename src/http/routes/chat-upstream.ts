// The example chat's replies: a deterministic echo, or an OpenAI-compatible upstream (CONTRACT §3).
import type { Config } from "../../core/config.ts";

export class UpstreamError extends Error {
  override readonly name = "UpstreamError";
}

type ChatConfig = Config["chat"];

/** The echo's words, so the streamed and the plain answer are the same text. */
export const echoReply = (message: string) => `Echo: ${message}`;

async function post(chat: ChatConfig, message: string, stream: boolean, signal?: AbortSignal): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(`${chat.upstreamUrl!.replace(/\/+$/, "")}/chat/completions`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...(chat.upstreamKey ? { Authorization: `Bearer ${chat.upstreamKey}` } : {}) },
      body: JSON.stringify({ model: chat.model, messages: [{ role: "user", content: message }], stream }),
      signal,
    });
  } catch (error) {
    throw new UpstreamError(`upstream unreachable: ${(error as Error).message}`);
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => {});
    throw new UpstreamError(`upstream answered ${res.status}`);
  }
  return res;
}

export async function reply(chat: ChatConfig, message: string): Promise<string> {
  if (!chat.upstreamUrl) return echoReply(message);
  const res = await post(chat, message, false);
  const body = (await res.json().catch(() => null)) as { choices?: { message?: { content?: unknown } }[] } | null;
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
  const res = await post(chat, message, true, signal);
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

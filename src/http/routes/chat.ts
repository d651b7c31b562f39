// The example chat endpoint behind the message cap, and the caller's usage (CONTRACT §3).
import { Hono, type Handler } from "hono";
import { z } from "zod";
import { getUsage } from "../../core/cap/cap.ts";
import type { AppEnv } from "../env.ts";
import { errorBody } from "../error-status.ts";
import { messageCap } from "../middleware/message-cap.ts";
import { reply, replyDeltas, UpstreamError } from "./chat-upstream.ts";

const chatInput = z.strictObject({
  message: z.string().max(8000).refine((m) => m.trim() !== "", "Write a message; it cannot be empty or only spaces"),
});

const upstreamFailed = () => errorBody("UPSTREAM_ERROR", "The chat service failed to answer; try again.");

const sse = (event: string, data: unknown) => new TextEncoder().encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

/** POST /api/chat's handler, exported so a benchmark can mount it without the cap. */
export const chatHandler: Handler<AppEnv> = async (c) => {
  const parsed = chatInput.safeParse(await c.req.json().catch(() => null));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return c.json(errorBody("INVALID_INPUT", `${issue.path.join(".") || "body"}: ${issue.message}`), 400);
  }
  const { message } = parsed.data;
  const chat = c.var.deps.config.chat;
  try {
    if (c.req.query("stream") !== "1") return c.json({ reply: await reply(chat, message, c.req.raw.signal) });
    const deltas = await replyDeltas(chat, message, c.req.raw.signal);
    return new Response(eventStream(deltas), {
      headers: { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" },
    });
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    c.var.deps.log.info(`chat: ${error.message}`);
    return c.json(upstreamFailed(), 502);
  }
};

export const chatRoutes = new Hono<AppEnv>()
  .get("/usage", async (c) => c.json(await getUsage(c.var.deps, c.var.auth!.user.id)))
  .post("/chat", messageCap(), chatHandler)
  .on(["GET", "PUT", "PATCH", "DELETE"], "/chat", (c) =>
    c.json(errorBody("METHOD_NOT_ALLOWED", "Send chats with POST."), 405, { Allow: "POST" }),
  );

/**
 * `delta` events, then `done` with the whole reply. If the upstream fails mid-stream, an `error`
 * event is sent and the body errors: the answer was not a success (the cap releases its slot).
 */
function eventStream(deltas: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const iterator = deltas[Symbol.asyncIterator]();
  let text = "";
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await iterator.next();
        if (done) {
          controller.enqueue(sse("done", { reply: text }));
          controller.close();
          return;
        }
        text += value;
        controller.enqueue(sse("delta", { text: value }));
      } catch (error) {
        controller.enqueue(sse("error", upstreamFailed().error));
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

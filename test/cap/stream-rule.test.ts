// The aborted-stream rule at the edges, on a host route with app.request(): a client that leaves before
// the first chunk, and a stream that outlives the 10-minute reservation.
import { afterEach, describe, expect, it, vi } from "vitest";
import { getUsage } from "../../src/core/cap/cap.ts";
import { MINUTE } from "../../src/core/clock.ts";
import { createApp } from "../../src/http/app.ts";
import { messageCap } from "../../src/http/middleware/message-cap.ts";
import { testDeps } from "../support/deps.ts";
import { seedUser, tokenFor } from "../support/users.ts";

afterEach(() => vi.useRealTimers());

/** A host app whose stream sends one event, then waits until the test lets it finish. */
async function streamingApp() {
  const { deps, clock } = await testDeps();
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const app = createApp(deps, {
    extend: (app) =>
      app.post("/api/stream", messageCap(), () => {
        const body = new ReadableStream<Uint8Array>({
          async start(controller) {
            controller.enqueue(new TextEncoder().encode("data: first\n\n"));
            await finished;
            controller.close();
          },
        });
        return new Response(body, { headers: { "Content-Type": "text/event-stream" } });
      }),
  });
  const user = await seedUser(deps, { dailyMessageLimit: 3 });
  const token = await tokenFor(deps, user.id);
  const open = () => app.request("/api/stream", { method: "POST", headers: { Authorization: `Bearer ${token}` } });
  return { deps, clock, user, open, finish };
}

describe("the aborted-stream rule", () => {
  it("releases the slot when the client leaves before the first chunk", async () => {
    const { deps, user, open } = await streamingApp();
    const res = await open();
    expect(res.status).toBe(200);
    expect((await getUsage(deps, user.id)).used).toBe(1); // in flight
    await res.body!.cancel();
    expect(await getUsage(deps, user.id)).toMatchObject({ used: 0, remaining: 3 });
  });

  it("keeps a stream that runs past 10 minutes counted, and commits it when it ends", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const { deps, clock, user, open, finish } = await streamingApp();
    const res = await open();
    const reader = res.body!.getReader();
    await reader.read();
    for (let minute = 0; minute < 30; minute += 5) {
      clock.advance(5 * MINUTE);
      await vi.advanceTimersByTimeAsync(5 * MINUTE); // the renewal timer
      expect((await getUsage(deps, user.id)).used).toBe(1);
    }
    finish();
    while (!(await reader.read()).done);
    expect(await getUsage(deps, user.id)).toMatchObject({ used: 1, remaining: 2 });
    clock.advance(11 * MINUTE);
    expect((await getUsage(deps, user.id)).used).toBe(1); // committed: counts for 24 hours
  });
});

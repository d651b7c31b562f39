// The same cap for tRPC chat procedures: settled per call, so a mixed batch counts only its successes.
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { getUsage } from "../../src/core/cap/cap.ts";
import { cappedProcedure } from "../../src/trpc/cap.ts";
import { createCallerFactory, router } from "../../src/trpc/init.ts";
import { testDeps } from "../support/deps.ts";
import { seedUser } from "../support/users.ts";

const chatRouter = router({
  send: cappedProcedure.input(z.object({ message: z.string().min(1), fail: z.boolean().optional() })).mutation(({ input }) => {
    if (input.fail) throw new TRPCError({ code: "BAD_GATEWAY", message: "upstream failed" });
    return { reply: `Echo: ${input.message}` };
  }),
});
const createCaller = createCallerFactory(chatRouter);

describe("cappedProcedure", () => {
  it("counts calls that return, releases failed ones, and refuses past the limit with DAILY_MESSAGE_LIMIT", async () => {
    const { deps } = await testDeps();
    const seeded = await seedUser(deps, { dailyMessageLimit: 2 });
    const caller = createCaller({ deps, user: { ...seeded, lastActiveAt: null } });

    await expect(caller.send({ message: "" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.send({ message: "x", fail: true })).rejects.toMatchObject({ code: "BAD_GATEWAY" });
    expect(await getUsage(deps, seeded.id)).toMatchObject({ used: 0, remaining: 2 });

    const calls = await Promise.allSettled([1, 2, 3, 4].map((i) => caller.send({ message: `m${i}` })));
    expect(calls.filter((c) => c.status === "fulfilled")).toHaveLength(2);
    const refused = calls.find((c) => c.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "TOO_MANY_REQUESTS", cause: { reason: "DAILY_MESSAGE_LIMIT" } });
    expect(await getUsage(deps, seeded.id)).toMatchObject({ used: 2, remaining: 0 });
  });
});

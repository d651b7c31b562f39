// tRPC's in-process caller over real dependencies: the router without HTTP, for large table-driven tests.
import type { Deps } from "../../src/core/deps.ts";
import { getUserRow } from "../../src/core/users/queries.ts";
import { createCallerFactory } from "../../src/trpc/init.ts";
import { appRouter } from "../../src/trpc/router.ts";

const createCaller = createCallerFactory(appRouter);

export async function callerFor(deps: Deps, userId: string) {
  const row = await getUserRow(deps.db, userId);
  if (!row) throw new Error(`no user ${userId}`);
  return createCaller({ deps, user: { id: row.id, email: row.email, role: row.role, status: row.status, lastActiveAt: row.lastActiveAt } });
}

/** The tRPC code and domain reason of a rejected call, or "ok". */
export async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "ok";
  } catch (error) {
    const e = error as { code?: string; cause?: { reason?: string }; message?: string };
    if (!e.code) throw error;
    return `${e.code}:${e.cause?.reason ?? "?"}`;
  }
}

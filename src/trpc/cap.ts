// The message cap for tRPC chat procedures: the same ledger as messageCap(), settled per call, because a
// batch's HTTP status (207 when mixed) cannot say which call succeeded.
import { TRPCError } from "@trpc/server";
import { admitChat, settleChat } from "../core/cap/cap.ts";
import { DomainError } from "../core/errors.ts";
import { userProcedure } from "./init.ts";

/**
 * A procedure counts when it returns; a thrown error (validation, domain, upstream) releases its slot.
 * Refusals are TOO_MANY_REQUESTS with reason DAILY_MESSAGE_LIMIT.
 */
export const cappedProcedure = userProcedure.use(async ({ ctx, next }) => {
  const admission = await admitChat(ctx.deps, ctx.user.id);
  if (admission.kind === "refused") {
    const { limit, resetAt } = admission.state;
    const at = resetAt === null ? "later" : new Date(resetAt).toISOString();
    const cause = new DomainError("DAILY_MESSAGE_LIMIT", `You have used all ${limit} messages of the last 24 hours; try again after ${at}.`);
    throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: cause.message, cause });
  }
  const result = await next();
  await settleChat(ctx.deps, admission, result.ok);
  return result;
});

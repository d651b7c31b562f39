// tRPC is initialised once here; routers get only the procedure builders the app allows.
import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import type { SessionUser } from "../auth/sessions.ts";
import type { Deps } from "../core/deps.ts";
import { DomainError, type ErrorReason } from "../core/errors.ts";
import { canListUsers, canReadAudit } from "../core/policy.ts";
import { TRPC_CODE } from "./error-codes.ts";

/** CONTRACT §4: a batch holds at most this many calls; a larger one is refused before any runs. */
export const MAX_BATCH_SIZE = 10;
/** tRPC's own words for that refusal, the one way to tell it apart from other input it rejects. */
const TRPC_BATCH_REFUSAL = "Batch call exceeds maximum size";

export interface Context {
  deps: Deps;
  user: SessionUser | null;
}

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error, ctx }) {
    const cause = error.cause;
    const production = ctx?.deps.config.production ?? true;
    const data: Record<string, unknown> = { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path };
    let message = shape.message;
    if (cause instanceof ZodError) {
      // Name the field in the message and list every issue for forms.
      const issues = cause.issues.map((i) => ({ path: i.path.map(String), message: i.message }));
      data.reason = "INVALID_INPUT";
      data.issues = issues;
      message = issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
    } else if (cause instanceof DomainError) {
      data.reason = cause.reason;
      if (cause.field) {
        data.issues = [{ path: [cause.field], message: cause.message }];
        message = `${cause.field}: ${cause.message}`;
      }
    } else if (error.code === "BAD_REQUEST" || error.code === "PARSE_ERROR") {
      // tRPC's own refusals (input that is not JSON, a batch over the limit) concern the whole input.
      if (message === TRPC_BATCH_REFUSAL) message = `A batch holds at most ${MAX_BATCH_SIZE} calls; send the rest in another request`;
      data.reason = "INVALID_INPUT";
      data.issues = [{ path: [], message }];
    } else if (error.code === "INTERNAL_SERVER_ERROR") {
      // Unknown errors may carry SQL text or parameters: never show them.
      message = "Internal server error";
    }
    if (!production && error.code === "INTERNAL_SERVER_ERROR") data.stack = error.stack;
    return { message, code: shape.code, data };
  },
});

/** Turns domain errors into the tRPC code the contract gives their reason. */
const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: TRPC_CODE[cause.reason as ErrorReason], message: cause.message, cause });
  }
  return result;
});

const signedIn = t.middleware(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first.", cause: new DomainError("UNAUTHENTICATED", "Sign in first.") });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

const permitted = (allowed: (role: SessionUser["role"]) => boolean) =>
  t.middleware(({ ctx, next }) => {
    if (!ctx.user || !allowed(ctx.user.role)) {
      throw new DomainError("NOT_PERMITTED", "Your role may not use this; ask an administrator.");
    }
    return next();
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapDomainErrors);
export const userProcedure = publicProcedure.use(signedIn);
export const operatorProcedure = userProcedure.use(permitted(canListUsers));
export const auditorProcedure = userProcedure.use(permitted(canReadAudit));

// The one table from domain reasons to tRPC codes (CONTRACT §4); a missing reason does not compile.
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";
import type { ErrorReason } from "../core/errors.ts";

export const TRPC_CODE: Record<ErrorReason, TRPC_ERROR_CODE_KEY> = {
  UNAUTHENTICATED: "UNAUTHORIZED",
  NOT_PERMITTED: "FORBIDDEN",
  SELF_ACTION: "FORBIDDEN",
  TARGET_NOT_ALLOWED: "FORBIDDEN",
  ROLE_NOT_ALLOWED: "FORBIDDEN",
  LAST_ADMIN: "CONFLICT",
  INVALID_STATE: "CONFLICT",
  EMAIL_TAKEN: "CONFLICT",
  NOT_FOUND: "NOT_FOUND",
  INVALID_INPUT: "BAD_REQUEST",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  DAILY_MESSAGE_LIMIT: "TOO_MANY_REQUESTS",
};

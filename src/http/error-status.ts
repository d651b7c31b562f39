// The one table from domain reasons to HTTP statuses, and the JSON error body of /api/* (CONTRACT §3).
import type { ErrorReason } from "../core/errors.ts";

export const HTTP_STATUS: Record<ErrorReason, 400 | 401 | 403 | 404 | 409 | 429> = {
  UNAUTHENTICATED: 401,
  NOT_PERMITTED: 403,
  SELF_ACTION: 403,
  TARGET_NOT_ALLOWED: 403,
  ROLE_NOT_ALLOWED: 403,
  LAST_ADMIN: 409,
  INVALID_STATE: 409,
  EMAIL_TAKEN: 409,
  NOT_FOUND: 404,
  INVALID_INPUT: 400,
  RATE_LIMITED: 429,
  DAILY_MESSAGE_LIMIT: 429,
};

export const errorBody = (code: string, message: string, extra: Record<string, unknown> = {}) => ({
  error: { code, message, ...extra },
});

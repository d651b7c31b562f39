// Turns a tRPC failure into what the panel shows: a sentence per domain reason, and field errors.
import { TRPCClientError } from "@trpc/client";

export interface Failure {
  code: string;
  reason: string | null;
  message: string;
  issues: { path: (string | number)[]; message: string }[];
}

interface ErrorData {
  code?: string;
  reason?: string;
  issues?: Failure["issues"];
}

export function toFailure(error: unknown): Failure {
  if (error instanceof TRPCClientError) {
    const data = (error.data ?? {}) as ErrorData;
    return {
      code: data.code ?? "INTERNAL_SERVER_ERROR",
      reason: data.reason ?? null,
      message: error.message,
      issues: Array.isArray(data.issues) ? data.issues : [],
    };
  }
  return { code: "NETWORK", reason: null, message: String(error), issues: [] };
}

// Keyed by the server's stable reasons (CONTRACT §4), so wording lives in one place.
const REASONS: Record<string, string> = {
  SELF_ACTION: "You can't do that to your own account.",
  LAST_ADMIN: "Refused: this would leave the instance without an active admin. Make another user an admin first.",
  TARGET_NOT_ALLOWED: "Refused: your role doesn't allow you to manage this account.",
  ROLE_NOT_ALLOWED: "Refused: your role can't grant that role.",
  INVALID_STATE: "Refused: that doesn't apply to this account as it is now; its role or status may have just changed. The list shows it as it is.",
  EMAIL_TAKEN: "An account with this email address already exists.",
  NOT_PERMITTED: "Refused: you don't have permission to do that.",
};

const CODES: Record<string, string> = {
  NOT_FOUND: "That account no longer exists.",
  TOO_MANY_REQUESTS: "Too many requests. Wait a moment and try again.",
  UNAUTHORIZED: "Your session has ended. Sign in again.",
  FORBIDDEN: "Refused: you don't have permission to do that.",
  BAD_REQUEST: "Some of the input isn't valid.",
  NETWORK: "Couldn't reach the server. Check your connection and try again.",
};

export function describeFailure(failure: Failure): string {
  if (failure.reason && REASONS[failure.reason]) return REASONS[failure.reason]!;
  return CODES[failure.code] ?? "Something went wrong on the server. Try again.";
}

/** Server zod issues keyed by their top-level field, first message wins. */
export function fieldErrors(failure: Failure): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of failure.issues) {
    const field = String(issue.path[0] ?? "");
    if (field && !fields[field]) fields[field] = issue.message;
  }
  if (failure.reason === "EMAIL_TAKEN") fields.email ??= REASONS.EMAIL_TAKEN!;
  return fields;
}

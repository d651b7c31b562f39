// The one domain error type; each transport maps its closed set of reasons once.
export const ERROR_REASONS = [
  "UNAUTHENTICATED",
  "NOT_PERMITTED",
  "SELF_ACTION",
  "TARGET_NOT_ALLOWED",
  "ROLE_NOT_ALLOWED",
  "LAST_ADMIN",
  "INVALID_STATE",
  "EMAIL_TAKEN",
  "NOT_FOUND",
  "INVALID_INPUT",
  "RATE_LIMITED",
  "DAILY_MESSAGE_LIMIT",
] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];

export class DomainError extends Error {
  override readonly name = "DomainError";
  constructor(
    readonly reason: ErrorReason,
    message: string,
    /** For INVALID_INPUT found after schema validation: the input field at fault. */
    readonly field?: string,
  ) {
    super(message);
  }
}

export const fail = (reason: ErrorReason, message: string, field?: string): never => {
  throw new DomainError(reason, message, field);
};

/** A cursor that no listing handed out (stale, edited, or from another sort). */
export const failBadCursor = (): never =>
  fail("INVALID_INPUT", "Not a cursor from this listing; start again without a cursor", "cursor");

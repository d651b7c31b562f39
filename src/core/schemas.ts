// Input schemas (CONTRACT §4), shared by the server and the panel.
import { z } from "zod";
import { LIMITS } from "./limits.ts";
import { ROLES, STATUSES } from "./policy.ts";

export { LIMITS };

/**
 * Text that is stored and shown must look the way it is stored: no control characters (NUL would cut
 * it short in SQLite's text functions and in mail) and no bidi embedding, override or isolate controls
 * (they make "\u202Eevil" display as "live"), and no lone surrogates (stored as U+FFFD, so not as sent).
 * One-line fields (names, usernames, searches) also refuse the invisible spaces that make look-alikes
 * ("ad\u200Bmin"); long text allows line breaks and tabs.
 */
const BIDI_CONTROLS = "\u202A-\u202E\u2066-\u2069";
const INVISIBLE_SPACES = "\u200B\u2060\uFEFF";
const ONE_LINE = new RegExp(`^[^\\p{Cc}${BIDI_CONTROLS}${INVISIBLE_SPACES}]*$`, "u");
const MULTI_LINE = new RegExp(`^(?:[\\n\\r\\t]|[^\\p{Cc}${BIDI_CONTROLS}])*$`, "u");
const ONE_LINE_MESSAGE = "Use one line of plain text: no line breaks, control characters or text-direction overrides";
const MULTI_LINE_MESSAGE = "Remove control characters and text-direction overrides; line breaks and tabs are fine";

const WELL_FORMED_MESSAGE = "Contains a broken character (a lone UTF-16 surrogate)";
const text = (max: number, rule: RegExp, message: string) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .regex(rule, message)
    .refine((value) => value.isWellFormed(), WELL_FORMED_MESSAGE);
const oneLine = (max: number) => text(max, ONE_LINE, ONE_LINE_MESSAGE);
const multiLine = (max: number) => text(max, MULTI_LINE, MULTI_LINE_MESSAGE);
/** Optional text where an empty string means "not given". */
const optional = (schema: z.ZodString) => schema.optional().transform((v) => (v === "" ? undefined : v));

/** Characters an address may not hold anywhere: spaces, separators, controls, invisible format characters. */
const EMAIL_PART = /^[^\s@<>()[\]",;:\\\p{Cc}\p{Cf}]+$/u;
const DOMAIN_LABEL = /^(?!-)[^.]{1,63}(?<!-)$/u;

/** Local hosts (admin@localhost) are allowed; dots never lead, trail or double up; labels never start or end with "-". */
function isEmailAddress(value: string): boolean {
  const at = value.indexOf("@");
  if (at < 1 || at !== value.lastIndexOf("@")) return false;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (!EMAIL_PART.test(local) || !EMAIL_PART.test(domain)) return false;
  if (local.startsWith(".") || local.endsWith(".") || local.includes("..")) return false;
  return domain.split(".").every((label) => DOMAIN_LABEL.test(label));
}

/** Emails are compared and stored trimmed and lowercased. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Enter an email address")
  .max(LIMITS.email, `At most ${LIMITS.email} characters`)
  .refine(isEmailAddress, "Enter a valid email address, like name@example.com");

/** Display names go into email subjects and page titles. */
export const displayNameSchema = oneLine(LIMITS.displayName);
export const usernameSchema = oneLine(LIMITS.username);
export const bioSchema = multiLine(LIMITS.bio);

/** A value from outside (an SSO claim) when it passes the schema, else null: such values are never refused, only left out. */
export function acceptable(schema: z.ZodType<string>, value: unknown): string | null {
  const parsed = schema.safeParse(value);
  return parsed.success && parsed.data !== "" ? parsed.data : null;
}

export const roleSchema = z.enum(ROLES);
export const statusSchema = z.enum(STATUSES);
export const idSchema = z.uuid({ error: (issue) => (issue.input === undefined ? "Required" : "Not a valid user id") });
const LIMIT_MESSAGE = "Enter a whole number from 1 to 1,000,000, or clear the limit";
export const dailyLimitSchema = z
  .number(LIMIT_MESSAGE)
  // One issue for one bad number: a non-integer stops the range checks.
  .int({ error: LIMIT_MESSAGE, abort: true })
  .min(1, LIMIT_MESSAGE)
  .max(1_000_000, LIMIT_MESSAGE)
  .nullable();

export const SORT_COLUMNS = ["createdAt", "email", "role", "status", "lastActiveAt"] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

export const listUsersInput = z
  .strictObject({
    search: oneLine(LIMITS.search).optional(),
    role: roleSchema.optional(),
    status: statusSchema.optional(),
    sort: z.enum(SORT_COLUMNS).default("createdAt"),
    order: z.enum(["asc", "desc"]).default("desc"),
    limit: z.number().int().min(1).max(100).default(25),
    cursor: z.string().max(512).optional(),
  })
  .default({ sort: "createdAt", order: "desc", limit: 25 });
export type ListUsersInput = z.output<typeof listUsersInput>;

export const userIdInput = z.strictObject({ id: idSchema });

export const inviteInput = z.strictObject({
  email: emailSchema,
  displayName: optional(displayNameSchema),
  welcomeMessage: optional(multiLine(LIMITS.welcomeMessage)),
  bio: optional(bioSchema),
  role: roleSchema,
});
export type InviteInput = z.output<typeof inviteInput>;

export const setRoleInput = z.strictObject({ id: idSchema, role: roleSchema });
export const setMessageLimitInput = z.strictObject({ id: idSchema, limit: dailyLimitSchema });

export const updateProfileInput = z.strictObject({
  displayName: displayNameSchema.nullable().optional(),
  bio: bioSchema.nullable().optional(),
});
export type UpdateProfileInput = z.output<typeof updateProfileInput>;

export const auditListInput = z
  .strictObject({ limit: z.number().int().min(1).max(100).default(50), cursor: z.string().max(512).optional() })
  .default({ limit: 50 });

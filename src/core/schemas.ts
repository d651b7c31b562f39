// Input schemas (CONTRACT §4), shared by the server and the panel.
import { z } from "zod";
import { ROLES, STATUSES } from "./policy.ts";

export const LIMITS = { email: 254, displayName: 100, bio: 1000, welcomeMessage: 2000, username: 64 } as const;

/** Emails are compared and stored trimmed and lowercased. Local hosts (admin@localhost) are allowed. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Enter an email address")
  .max(LIMITS.email, `At most ${LIMITS.email} characters`)
  .regex(/^[^\s@<>()",;:\\]+@[^\s@<>()",;:\\]+$/, "Enter a valid email address, like name@example.com");

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .optional()
    .transform((v) => (v === "" ? undefined : v));

/** Display names go into email subjects and page titles: one line, no control characters. */
const SINGLE_LINE = /^[^\p{Cc}]*$/u;
const SINGLE_LINE_MESSAGE = "Use one line of text, without line breaks or control characters";

export const roleSchema = z.enum(ROLES);
export const statusSchema = z.enum(STATUSES);
export const idSchema = z.uuid("Not a valid user id");
const LIMIT_MESSAGE = "Enter a whole number from 1 to 1,000,000, or clear the limit";
export const dailyLimitSchema = z
  .number(LIMIT_MESSAGE)
  .int(LIMIT_MESSAGE)
  .min(1, LIMIT_MESSAGE)
  .max(1_000_000, LIMIT_MESSAGE)
  .nullable();

export const SORT_COLUMNS = ["createdAt", "email", "role", "status", "lastActiveAt"] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

export const listUsersInput = z
  .strictObject({
    search: z.string().trim().max(LIMITS.email).optional(),
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
  displayName: optionalText(LIMITS.displayName).refine((v) => v === undefined || SINGLE_LINE.test(v), SINGLE_LINE_MESSAGE),
  welcomeMessage: optionalText(LIMITS.welcomeMessage),
  bio: optionalText(LIMITS.bio),
  role: roleSchema,
});
export type InviteInput = z.output<typeof inviteInput>;

export const setRoleInput = z.strictObject({ id: idSchema, role: roleSchema });
export const setMessageLimitInput = z.strictObject({ id: idSchema, limit: dailyLimitSchema });

export const updateProfileInput = z.strictObject({
  displayName: z
    .string()
    .trim()
    .max(LIMITS.displayName, `At most ${LIMITS.displayName} characters`)
    .regex(SINGLE_LINE, SINGLE_LINE_MESSAGE)
    .nullable()
    .optional(),
  bio: z.string().trim().max(LIMITS.bio, `At most ${LIMITS.bio} characters`).nullable().optional(),
});
export type UpdateProfileInput = z.output<typeof updateProfileInput>;

export const auditListInput = z
  .strictObject({ limit: z.number().int().min(1).max(100).default(50), cursor: z.string().max(512).optional() })
  .default({ limit: 50 });

// Configuration (CONTRACT §2) from an environment record: Node's process.env or Workers bindings.
import { z } from "zod";
import { SELF_SIGNUP_ROLES, type Role } from "./policy.ts";
import { emailSchema } from "./schemas.ts";

const optionalLimit = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === "") return null;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 1_000_000) {
      ctx.addIssue({ code: "custom", message: "must be an integer from 1 to 1000000, or empty for unlimited" });
      return z.NEVER;
    }
    return n;
  });

const optionalUrl = z.url().optional();

export const DEFAULT_PORT = 8787;

const envSchema = z.object({
  PORT: z
    .string()
    .regex(/^\d{1,5}$/, "must be a port number from 0 to 65535 (0 picks a free one)")
    .transform(Number)
    .refine((port) => port <= 65535, "must be a port number from 0 to 65535 (0 picks a free one)")
    .default(DEFAULT_PORT),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|libsql:\/\/|https?:\/\/|:memory:$)/, "must start with file:, libsql://, http:// or https://")
    .default("file:./data/gatehouse.db"),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  PUBLIC_URL: optionalUrl,
  ADMIN_EMAIL: emailSchema.default("admin@localhost"),
  AUTH_MODE: z.enum(["email-link", "sso"]).default("email-link"),
  SSO_ISSUER: optionalUrl,
  SSO_CLIENT_ID: z.string().optional(),
  SSO_CLIENT_SECRET: z.string().optional(),
  SSO_SIGNUP_DOMAINS: z.string().optional(),
  CLIENT_IP_HEADER: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]+$/, "must be a header name, e.g. X-Forwarded-For or X-Real-IP")
    .optional(),
  MAIL_TRANSPORT: z.enum(["console", "smtp", "http"]).default("console"),
  SMTP_URL: optionalUrl,
  MAIL_FROM: z.string().default("Gatehouse <gatehouse@localhost>"),
  MAIL_HTTP_URL: optionalUrl,
  MAIL_HTTP_TOKEN: z.string().optional(),
  CHAT_UPSTREAM_URL: optionalUrl,
  CHAT_UPSTREAM_KEY: z.string().optional(),
  CHAT_MODEL: z.string().default("gpt-4o-mini"),
  DEFAULT_DAILY_LIMIT_MANAGER: optionalLimit,
  DEFAULT_DAILY_LIMIT_DEFAULT: optionalLimit,
  DEFAULT_DAILY_LIMIT_GUEST: optionalLimit,
  // A typo must not silently mean "development" (which shows stacks): only these three are known.
  NODE_ENV: z.enum(["development", "production", "test"], "must be development, production or test").default("development"),
});

export interface Config {
  port: number;
  databaseUrl: string;
  databaseAuthToken: string | undefined;
  publicUrl: string;
  adminEmail: string;
  authMode: "email-link" | "sso";
  sso: {
    issuer: string;
    clientId: string;
    clientSecret: string | undefined;
    /** Email domain → role given to a verified SSO user of that domain who has no invitation. */
    signupDomains: Record<string, Role>;
  } | null;
  /** Set behind a reverse proxy: the header it writes the client's address into. Otherwise the socket's peer. */
  clientIpHeader: string | null;
  mail: {
    transport: "console" | "smtp" | "http";
    from: string;
    smtpUrl: string | undefined;
    httpUrl: string | undefined;
    httpToken: string | undefined;
  };
  chat: { upstreamUrl: string | undefined; upstreamKey: string | undefined; model: string };
  /** New accounts copy their role's default into dailyMessageLimit; null = unlimited. */
  defaultDailyLimits: Record<Role, number | null>;
  production: boolean;
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

type EnvRecord = Record<string, string | undefined>;

/** Parses configuration, or throws one ConfigError whose message names the variable. */
export function loadConfig(env: EnvRecord): Config {
  const input = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Invalid configuration: ${String(issue.path[0])} ${issue.message}`);
  }
  const e = parsed.data;
  const signupDomains = parseSignupDomains(e.SSO_SIGNUP_DOMAINS);
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  if (e.AUTH_MODE === "sso" && (!e.SSO_ISSUER || !e.SSO_CLIENT_ID)) {
    throw new ConfigError("Invalid configuration: SSO_ISSUER and SSO_CLIENT_ID are required when AUTH_MODE=sso");
  }
  if (e.MAIL_TRANSPORT === "smtp" && !e.SMTP_URL) {
    throw new ConfigError("Invalid configuration: SMTP_URL is required when MAIL_TRANSPORT=smtp");
  }
  if (e.MAIL_TRANSPORT === "http" && !e.MAIL_HTTP_URL) {
    throw new ConfigError("Invalid configuration: MAIL_HTTP_URL is required when MAIL_TRANSPORT=http");
  }
  return {
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    databaseAuthToken: e.DATABASE_AUTH_TOKEN,
    publicUrl,
    adminEmail: e.ADMIN_EMAIL,
    authMode: e.AUTH_MODE,
    sso: e.SSO_ISSUER && e.SSO_CLIENT_ID
      ? { issuer: e.SSO_ISSUER, clientId: e.SSO_CLIENT_ID, clientSecret: e.SSO_CLIENT_SECRET, signupDomains }
      : null,
    clientIpHeader: e.CLIENT_IP_HEADER?.toLowerCase() ?? null,
    mail: {
      transport: e.MAIL_TRANSPORT,
      from: e.MAIL_FROM,
      smtpUrl: e.SMTP_URL,
      httpUrl: e.MAIL_HTTP_URL,
      httpToken: e.MAIL_HTTP_TOKEN,
    },
    chat: { upstreamUrl: e.CHAT_UPSTREAM_URL, upstreamKey: e.CHAT_UPSTREAM_KEY, model: e.CHAT_MODEL },
    defaultDailyLimits: {
      admin: null,
      manager: e.DEFAULT_DAILY_LIMIT_MANAGER,
      default: e.DEFAULT_DAILY_LIMIT_DEFAULT,
      guest: e.DEFAULT_DAILY_LIMIT_GUEST,
    },
    production: e.NODE_ENV === "production",
  };
}

/** `example.com=default,partner.example=guest`: self-sign-up through SSO for these email domains only. */
function parseSignupDomains(value: string | undefined): Record<string, Role> {
  const domains: Record<string, Role> = {};
  for (const entry of (value ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
    const [domain, role, extra] = entry.split("=").map((s) => s.trim().toLowerCase());
    if (!domain || !/^[a-z0-9.-]+$/.test(domain) || extra !== undefined || !SELF_SIGNUP_ROLES.includes(role as Role)) {
      throw new ConfigError(
        `Invalid configuration: SSO_SIGNUP_DOMAINS entry "${entry}" must look like example.com=default (roles: ${SELF_SIGNUP_ROLES.join(", ")})`,
      );
    }
    domains[domain] = role as Role;
  }
  return domains;
}

// Node entry: the operator CLI (CONTRACT §1). Output for scripts on stdout; errors on stderr, exit 1.
import { parseArgs } from "node:util";
import { createSigninLink } from "./auth/signin-links.ts";
import { createSessions } from "./auth/sessions.ts";
import { systemClock } from "./core/clock.ts";
import { ConfigError, loadConfig } from "./core/config.ts";
import { DomainError } from "./core/errors.ts";
import { consoleMailer } from "./core/mail/mailer.ts";
import { displayNameSchema, emailSchema, roleSchema, usernameSchema } from "./core/schemas.ts";
import { createActiveUser } from "./core/users/accounts.ts";
import { getUserByEmail } from "./core/users/queries.ts";
import { toPublicUser } from "./core/users/public-user.ts";
import { parseDuration } from "./node/duration.ts";
import { DatabaseUnavailableError, openMigratedDatabase } from "./node/database.ts";

const HELP = `Gatehouse operator CLI. Honours DATABASE_URL (default file:./data/gatehouse.db), and builds links
from PUBLIC_URL (default http://localhost:$PORT, PORT 8787) as the server does: give it the server's settings.

Usage: npm run -s cli -- <command> [options]

Commands:
  migrate                                   apply database migrations
  user:create --email E --role R [--name N] [--username U]
                                            create an active user; prints it as JSON
                                            (R: admin, manager, default or guest)
  token:create --email E [--ttl 30d]        print a bearer token for that user (ttl: 60s..366d, e.g. 12h, 30d)
  signin-link --email E                     print a one-time sign-in URL (15 minutes)
  --help                                    show this help

Examples:
  npm run -s cli -- user:create --email ana@example.com --role manager --name "Ana"
  TOKEN=$(npm run -s cli -- token:create --email ana@example.com --ttl 7d)`;

class UsageError extends Error {}

function required(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`missing --${flag}; see --help`);
  return value;
}

function parseWith<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } }, value: string, flag: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UsageError(`--${flag}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  return parsed.data;
}

/** An optional flag through the API's own schema; given empty, it is as if not given. */
function optionalFlag(schema: Parameters<typeof parseWith<string>>[0], value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  return parseWith(schema, value, flag) || undefined;
}

/** parseArgs' own errors become usage errors: one line, and a pointer to --help. */
function parseFlags(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        email: { type: "string" },
        role: { type: "string" },
        name: { type: "string" },
        username: { type: "string" },
        ttl: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    // Node's own text goes on to explain "--" for positionals, which no command here takes.
    const first = (error as Error).message.split(/\. |\n/)[0]!.replace(/\.$/, "");
    throw new UsageError(`${first}; see --help (values that start with "-" go as --flag=value)`);
  }
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseFlags(argv);
  const command = positionals[0];
  if (values.help) {
    console.log(HELP);
    return;
  }
  // No command is a usage error: the help goes to stderr and the exit code says nothing was done.
  if (!command) {
    console.error(HELP);
    process.exitCode = 1;
    return;
  }
  const known = ["migrate", "user:create", "token:create", "signin-link"];
  if (!known.includes(command)) throw new UsageError(`unknown command "${command}"; see --help`);

  const config = loadConfig(process.env);
  const database = await openMigratedDatabase(config.databaseUrl, config.databaseAuthToken);
  try {
    const deps = { db: database.db, clock: systemClock, config, log: { info: console.error, error: console.error }, mailer: consoleMailer({ info: console.error }) };
    const findUser = async () => {
      const email = parseWith(emailSchema, required(values.email, "email"), "email");
      const user = await getUserByEmail(deps.db, email);
      if (!user) throw new UsageError(`no user has the email ${email}; create one with user:create`);
      if (user.status !== "active") throw new UsageError(`${email} is ${user.status}; only active users can sign in`);
      return user;
    };
    switch (command) {
      case "migrate":
        console.error("Migrations applied.");
        return;
      case "user:create": {
        const user = await createActiveUser(deps, {
          email: parseWith(emailSchema, required(values.email, "email"), "email"),
          role: parseWith(roleSchema, required(values.role, "role"), "role"),
          displayName: optionalFlag(displayNameSchema, values.name, "name"),
          username: optionalFlag(usernameSchema, values.username, "username"),
        });
        console.log(JSON.stringify(toPublicUser({ ...user, messagesLast24h: 0 }, null), null, 2));
        return;
      }
      case "token:create": {
        const user = await findUser();
        const ttl = values.ttl === undefined ? undefined : parseDuration(values.ttl);
        if (ttl === null) throw new UsageError(`--ttl: "${values.ttl}" is not a duration from 60s to 366d, like 12h or 30d`);
        console.log(await createSessions(deps.db, { secureCookies: false }).create(user.id, ttl));
        return;
      }
      case "signin-link":
        console.log(await createSigninLink(deps.db, deps.clock, config.publicUrl, (await findUser()).id));
        return;
    }
  } finally {
    database.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const known = [UsageError, ConfigError, DomainError, DatabaseUnavailableError].some((type) => error instanceof type);
  const message = known
    ? (error as Error).message
    : `unexpected error: ${(error as Error).message}`;
  console.error(`gatehouse: ${message}`);
  process.exit(1);
});

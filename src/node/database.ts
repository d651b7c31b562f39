// Node-only: opens an embedded or remote libSQL database, tuned and protected against lost writes.
import { createClient, type Client, type Config } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { fileURLToPath } from "node:url";
import * as schema from "../../db/schema.ts";
import type { Db } from "../db/types.ts";

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../db/migrations", import.meta.url));
const BUSY_TIMEOUT_MS = 5000;
const BUSY_RETRIES = 3;

export interface Database {
  db: Db;
  client: Client;
  close(): void;
}

export async function openDatabase(url: string, authToken?: string): Promise<Database> {
  const local = url.startsWith("file:") || url === ":memory:";
  const config: Config = { url, authToken, intMode: "number" };
  if (local) Object.assign(config, { timeout: BUSY_TIMEOUT_MS, concurrency: 1 });
  const raw = createClient(config);
  if (local) await tuneLocal(raw);
  const client = local ? recoverFromBusy(raw) : raw;
  return { db: drizzle(client, { schema }) as unknown as Db, client, close: () => raw.close() };
}

/** Why the database could not be used, as one line an operator can act on. */
export class DatabaseUnavailableError extends Error {
  override readonly name = "DatabaseUnavailableError";
}

/** The innermost cause's first line: drivers wrap the useful part under SQL text and parameters. */
function rootMessage(error: unknown): string {
  let e = error as { cause?: unknown; message?: string } | undefined;
  while (e?.cause && e.cause !== e) e = e.cause as typeof e;
  return (e?.message ?? String(error)).split("\n")[0]!.trim();
}

/** Opens and migrates the database, or throws one line naming DATABASE_URL. */
export async function openMigratedDatabase(url: string, authToken?: string): Promise<Database> {
  let database: Database | undefined;
  try {
    database = await openDatabase(url, authToken);
    await migrateDatabase(database);
    return database;
  } catch (error) {
    database?.close();
    throw new DatabaseUnavailableError(`Cannot use the database at DATABASE_URL=${url}: ${rootMessage(error)}`);
  }
}

export async function migrateDatabase({ client }: Database): Promise<void> {
  await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
}

// WAL lets readers proceed during a write; NORMAL in WAL survives a process crash and
// roughly doubles write throughput (README, Decisions). Both are per-connection settings,
// so they are applied again after every reconnect.
async function tuneLocal(client: Client): Promise<void> {
  await client.execute("PRAGMA journal_mode = WAL");
  await client.execute("PRAGMA synchronous = NORMAL");
}

function isBusy(error: unknown): boolean {
  const e = error as { code?: string; rawCode?: number; message?: string };
  return e?.code === "SQLITE_BUSY" || e?.rawCode === 5 || /SQLITE_BUSY|database is locked/.test(e?.message ?? "");
}

/**
 * The embedded driver silently drops every later write on a connection that once saw
 * SQLITE_BUSY (STACK.md trap 1). A busy statement committed nothing, so the safe answer is
 * a fresh connection and another try.
 */
function recoverFromBusy(client: Client): Client {
  const retried = <A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await run(...args);
        } catch (error) {
          if (!isBusy(error) || attempt >= BUSY_RETRIES) throw error;
          await client.reconnect();
          await tuneLocal(client);
        }
      }
    };
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property === "execute" || property === "batch" || property === "migrate" || property === "executeMultiple") {
        return retried(value.bind(target));
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

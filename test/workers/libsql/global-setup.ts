// For the Workers suite over libSQL: a migrated database file behind a local Hrana server; the Worker gets its URL.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrateDatabase, openDatabase } from "../../../src/node/database.ts";
import { startHranaServer } from "./hrana-server.ts";

export default async function setup({ provide }: { provide: (key: string, value: string) => void }) {
  const dir = mkdtempSync(join(tmpdir(), "gatehouse-libsql-"));
  const file = join(dir, "remote.db");
  const database = await openDatabase(`file:${file}`);
  await migrateDatabase(database);
  await database.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  database.close();
  const server = await startHranaServer(file);
  provide("libsqlUrl", server.url);
  return async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    libsqlUrl: string;
  }
}

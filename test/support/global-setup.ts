// Migrates one template database per run; each test copies it (a copy is far faster than migrating).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrateDatabase, openDatabase } from "../../src/node/database.ts";

export default async function setup({ provide }: { provide: (key: string, value: string) => void }) {
  const dir = mkdtempSync(join(tmpdir(), "gatehouse-template-"));
  const file = join(dir, "template.db");
  const database = await openDatabase(`file:${file}`);
  await migrateDatabase(database);
  await database.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  database.close();
  provide("templateDb", file);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
  }
}

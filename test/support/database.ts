// A fresh, migrated libSQL file per test, copied from the run's template.
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, inject } from "vitest";
import { openDatabase, type Database } from "../../src/node/database.ts";

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** A path to a new migrated database file, removed after the test. */
export function freshDatabaseFile(): string {
  const dir = mkdtempSync(join(tmpdir(), "gatehouse-test-"));
  const file = join(dir, "test.db");
  copyFileSync(inject("templateDb"), file);
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return file;
}

export async function freshDatabase(): Promise<Database & { file: string }> {
  const file = freshDatabaseFile();
  const database = await openDatabase(`file:${file}`);
  cleanups.unshift(() => database.close());
  return { ...database, file };
}

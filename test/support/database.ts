// A fresh, migrated libSQL file per test, copied from the run's template.
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, inject, onTestFinished } from "vitest";
import { openDatabase, type Database } from "../../src/node/database.ts";

/** Cleans up after the current test, or after the file when called from beforeAll. */
function cleanupLater(cleanup: () => void): void {
  if (expect.getState().currentTestName !== undefined) onTestFinished(cleanup);
  else afterAll(cleanup);
}

/** A path to a new migrated database file, removed after the test (or the file). */
export function freshDatabaseFile(): string {
  const dir = mkdtempSync(join(tmpdir(), "gatehouse-test-"));
  const file = join(dir, "test.db");
  copyFileSync(inject("templateDb"), file);
  cleanupLater(() => rmSync(dir, { recursive: true, force: true }));
  return file;
}

export async function freshDatabase(): Promise<Database & { file: string }> {
  const file = freshDatabaseFile();
  const database = await openDatabase(`file:${file}`);
  cleanupLater(() => database.close());
  return { ...database, file };
}

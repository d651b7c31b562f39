// Builds web/dist for the browser tests when it is missing or older than its sources, once across parallel files.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BUILT = join(ROOT, "web/dist/index.html");
const SOURCES = ["web/index.html", "web/vite.config.ts", "web/src", "src/core/policy.ts"].map((p) => join(ROOT, p));
const LOCK = join(tmpdir(), `gatehouse-panel-build-${Buffer.from(ROOT).toString("hex").slice(-24)}`);
const STALE_LOCK_MS = 120_000;

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

const isFresh = () => existsSync(BUILT) && statSync(BUILT).mtimeMs >= Math.max(...SOURCES.map(newestMtime));

function tryLock(): boolean {
  try {
    mkdirSync(LOCK);
    return true;
  } catch {
    // A lock left by a crashed run must not block every later run.
    const since = statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
    if (Date.now() - since > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
    return false;
  }
}

export async function ensurePanelBuilt(): Promise<void> {
  while (!isFresh()) {
    if (!tryLock()) {
      await new Promise((resolve) => setTimeout(resolve, 250)); // another test file is building
      continue;
    }
    try {
      if (!isFresh()) {
        execFileSync(join(ROOT, "node_modules/.bin/vite"), ["build", "--config", "web/vite.config.ts", "--logLevel", "warn"], {
          cwd: ROOT,
          stdio: "inherit",
        });
      }
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}

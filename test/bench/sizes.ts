// What a user downloads and what Cloudflare stores: the admin panel's JS and the Worker bundle, gzipped.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { ensurePanelBuilt } from "../browser/build-panel.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const run = promisify(execFile);
/** wrangler stays offline and silent (STACK.md trap 6). */
const OFFLINE = { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false" };

export const gzipKB = (bytes: Buffer | string) => Math.round((gzipSync(bytes, { level: 9 }).length / 1024) * 10) / 10;

export interface WorkerBundle {
  bytes: number;
  gzipKB: number;
  /** Node built-ins the bundle still imports (`node:fs`, `fs`, …): must be none to run without nodejs_compat. */
  nodeImports: string[];
}

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Module specifiers the bundled code imports or requires at run time that name Node built-ins. */
export function nodeBuiltinImports(code: string): string[] {
  const specifiers = [
    ...code.matchAll(/\bimport\s*(?:[\w*${}\s,]+from\s*)?["']([^"']+)["']/g),
    ...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
    ...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g),
  ].map((m) => m[1]!);
  return [...new Set(specifiers.filter((s) => NODE_BUILTINS.has(s) || s.startsWith("node:")))].sort();
}

/** Bundles src/worker.ts exactly as `wrangler deploy` would, without an account (`--dry-run --outdir`). */
export async function buildWorkerBundle(): Promise<WorkerBundle> {
  await ensurePanelBuilt(); // wrangler refuses to bundle when the [assets] directory is missing
  const outdir = await mkdtemp(join(tmpdir(), "gatehouse-worker-"));
  try {
    await run(join(ROOT, "node_modules/.bin/wrangler"), ["deploy", "--dry-run", "--outdir", outdir], { cwd: ROOT, env: OFFLINE });
    const files = (await readdir(outdir)).filter((f) => /\.m?js$/.test(f));
    const code = (await Promise.all(files.map((f) => readFile(join(outdir, f))))).reduce((all, b) => Buffer.concat([all, b]), Buffer.alloc(0));
    return { bytes: code.length, gzipKB: gzipKB(code), nodeImports: nodeBuiltinImports(code.toString("utf8")) };
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

/** Builds the panel (`npm run build`), then measures its JS and the Worker bundle. */
export async function measureSizes(): Promise<{ name: string; gzipKB: number }[]> {
  await run("npm", ["run", "-s", "build"], { cwd: ROOT });
  const assets = join(ROOT, "web/dist/assets");
  const scripts = (await readdir(assets)).filter((f) => f.endsWith(".js"));
  const panel = (await Promise.all(scripts.map((f) => readFile(join(assets, f))))).reduce((sum, b) => sum + gzipKB(b), 0);
  const worker = await buildWorkerBundle();
  return [
    { name: "admin panel JS (web/dist/assets/*.js)", gzipKB: Math.round(panel * 10) / 10 },
    { name: "Worker bundle (wrangler deploy --dry-run)", gzipKB: worker.gzipKB },
  ];
}

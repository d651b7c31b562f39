// The Workers suite: the real Worker (src/worker.ts, wrangler.toml) inside workerd, over a local D1 with the real migrations.
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { ensurePanelExists } from "./panel-build.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
// Offline: miniflare would otherwise fetch request.cf data, and wrangler would send metrics (STACK.md trap 6).
process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= "false";
process.env.WRANGLER_SEND_METRICS ??= "false";

export default defineConfig(async () => {
  // wrangler.toml's [assets] directory must exist before the Worker can start.
  ensurePanelExists();
  const migrations = await readD1Migrations(`${ROOT}/db/migrations`);
  return {
    root: ROOT,
    plugins: [
      cloudflareTest({
        main: "./src/worker.ts",
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: { bindings: { TEST_MIGRATIONS: migrations } },
      }),
    ],
    test: {
      name: "workers",
      include: ["test/workers/**/*.test.ts"],
      setupFiles: ["test/workers/apply-migrations.ts"],
      testTimeout: 30_000,
      // Two cores are shared: one workerd at a time is plenty for this suite.
      maxWorkers: 1,
    },
  };
});

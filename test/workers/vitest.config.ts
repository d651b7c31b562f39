// The Workers suite: the real Worker (src/worker.ts, wrangler.toml) inside workerd, run over the same tests
// twice: on a local D1 with the real migrations, and on remote libSQL (@libsql/client/web, as with Turso)
// through a local Hrana server. The same HTTP cases also run against the Node server, for parity.
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { ensurePanelBuilt } from "../browser/build-panel.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
// Offline: miniflare would otherwise fetch request.cf data, and wrangler would send metrics (STACK.md trap 6).
process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= "false";
process.env.WRANGLER_SEND_METRICS ??= "false";

const worker = { main: "./src/worker.ts", wrangler: { configPath: "./wrangler.toml" } };
const HTTP_TESTS = ["health", "auth", "users", "policy", "cap"].map((name) => `test/workers/${name}.test.ts`);

export default defineConfig(async () => {
  // wrangler.toml's [assets] directory must exist before the Worker can start.
  await ensurePanelBuilt();
  const migrations = await readD1Migrations(`${ROOT}/db/migrations`);
  return {
    test: {
      // Two cores are shared: one workerd at a time is plenty for this suite.
      maxWorkers: 1,
      projects: [
        {
          root: ROOT,
          plugins: [cloudflareTest({ ...worker, miniflare: { bindings: { TEST_MIGRATIONS: migrations } } })],
          test: {
            name: "workers-d1",
            include: ["test/workers/**/*.test.ts"],
            setupFiles: ["test/workers/apply-migrations.ts"],
            testTimeout: 30_000,
          },
        },
        {
          root: ROOT,
          plugins: [
            cloudflareTest(({ inject }) => ({ ...worker, miniflare: { bindings: { DATABASE_URL: inject("libsqlUrl") } } })),
          ],
          test: {
            name: "workers-libsql",
            include: HTTP_TESTS,
            globalSetup: ["test/workers/libsql/global-setup.ts"],
            testTimeout: 30_000,
          },
        },
        {
          // The same HTTP cases against the Node server: one set of behaviours for both runtimes.
          root: ROOT,
          resolve: { alias: [{ find: /^\.\/support\.ts$/, replacement: `${ROOT}/test/workers/node/support.ts` }] },
          test: {
            name: "node-same-cases",
            include: HTTP_TESTS,
            globalSetup: ["test/support/global-setup.ts"],
            pool: "forks",
            testTimeout: 30_000,
          },
        },
      ],
    },
  };
});

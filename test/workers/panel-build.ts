// Builds web/dist once if it is missing, so wrangler.toml's [assets] directory exists for the Worker.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export function ensurePanelExists(): void {
  if (existsSync(`${ROOT}/web/dist/index.html`)) return;
  execFileSync(`${ROOT}/node_modules/.bin/vite`, ["build", "--config", "web/vite.config.ts", "--logLevel", "warn"], {
    cwd: ROOT,
    stdio: "inherit",
  });
}

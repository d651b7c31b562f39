// Start-up failures an operator meets: one line on stderr that names what to fix, and exit code 1.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { freshDatabaseFile } from "../support/database.ts";
import { spawnServer } from "../support/processes.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

const run = promisify(execFile);

async function start(env: Record<string, string>) {
  try {
    await run(process.execPath, ["--import", "tsx", "src/node.ts"], { env: { ...process.env, ...env }, timeout: 30_000 });
    return { code: 0, stderr: "" };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}

let running: TestServer | undefined;
afterEach(() => running?.stop());

describe("starting the server", () => {
  it.each([
    [{ PORT: "99999" }, "PORT"],
    [{ PORT: "abc" }, "PORT"],
    [{ NODE_ENV: "prod" }, "NODE_ENV"],
    [{ DATABASE_URL: "postgres://db/gatehouse" }, "DATABASE_URL"],
    [{ DATABASE_URL: "http://127.0.0.1:9" }, "DATABASE_URL"],
    [{ AUTH_MODE: "sso" }, "SSO_ISSUER"],
    [{ MAIL_TRANSPORT: "smtp" }, "SMTP_URL"],
    [{ DEFAULT_DAILY_LIMIT_GUEST: "lots" }, "DEFAULT_DAILY_LIMIT_GUEST"],
  ])("stops with one line naming the variable for %j", async (env, variable) => {
    const { code, stderr } = await start({ PORT: "0", DATABASE_URL: `file:${freshDatabaseFile()}`, ...env });
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain(variable);
  });

  it("says which PORT is taken instead of printing a stack trace", async () => {
    running = await startTestServer();
    const port = new URL(running.url).port;
    const { code, stderr } = await start({ PORT: port, DATABASE_URL: `file:${freshDatabaseFile()}` });
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain(`PORT ${port}`);
  });

  it("on a restart, prints a sign-in command that carries its settings and gives a link to this server", async () => {
    const file = freshDatabaseFile();
    await (await spawnServer(file)).stop(); // the first start creates the admin
    const server = await spawnServer(file);
    try {
      const command = server.startupOutput.match(/get a one-time link: (.+)/)?.[1];
      const port = new URL(server.url).port;
      expect(command).toBe(`DATABASE_URL=file:${file} PORT=${port} npm run -s cli -- signin-link --email admin@localhost`);
      const settings = Object.fromEntries(command!.split(" npm ")[0]!.split(" ").map((pair) => pair.split("=", 2) as [string, string]));
      const { stdout } = await run(process.execPath, ["--import", "tsx", "src/cli.ts", "signin-link", "--email", "admin@localhost"], {
        env: { ...process.env, ...settings },
      });
      const link = stdout.trim();
      expect(link.startsWith(`${server.url}/auth/link/`)).toBe(true);
      expect((await fetch(link, { method: "POST", redirect: "manual" })).status).toBe(303);
    } finally {
      await server.stop();
    }
  });
});

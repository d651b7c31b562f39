// Start-up failures an operator meets: one line on stderr that names what to fix, and exit code 1.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { freshDatabaseFile } from "../support/database.ts";
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
});

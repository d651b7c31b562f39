// The operator CLI as a user runs it: a separate process, stdout for results, stderr and exit 1 for errors.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/node/database.ts";
import { freshDatabaseFile } from "../support/database.ts";
import { startTestServer } from "../support/server.ts";

const run = promisify(execFile);

async function cli(file: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
      env: { ...process.env, DATABASE_URL: `file:${file}` },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("the CLI", () => {
  it("prints help that lists every command", async () => {
    const { code, stdout } = await cli(freshDatabaseFile(), "--help");
    expect(code).toBe(0);
    for (const command of ["migrate", "user:create", "token:create", "signin-link"]) expect(stdout).toContain(command);
  });

  it("creates a user, then a bearer token that a tRPC client can use", async () => {
    const file = freshDatabaseFile();
    const created = await cli(file, "user:create", "--email", " Ops@Example.COM ", "--role", "admin", "--name", "Ops");
    expect(created.code).toBe(0);
    const user = JSON.parse(created.stdout);
    expect(user).toMatchObject({ email: "ops@example.com", role: "admin", status: "active", displayName: "Ops" });

    const token = await cli(file, "token:create", "--email", "ops@example.com", "--ttl", "2h");
    expect(token.code).toBe(0);
    expect(token.stdout.trim()).toMatch(/^[a-z2-7]{32}\.7200$/);

    const server = await startTestServer({ databaseFile: file });
    try {
      const page = await server.client(token.stdout.trim()).users.list.query({});
      expect(page.items.map((u) => u.email)).toContain("ops@example.com");
    } finally {
      await server.stop();
    }
  });

  it("prints a one-time sign-in link", async () => {
    const file = freshDatabaseFile();
    await cli(file, "user:create", "--email", "a@example.com", "--role", "default");
    const { code, stdout } = await cli(file, "signin-link", "--email", "a@example.com");
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^http:\/\/localhost:8787\/auth\/link\/[a-z2-7]{32}$/);
  });

  it.each([
    [["user:create", "--email", "a@example.com", "--role", "overlord"]],
    [["user:create", "--role", "admin"]],
    [["user:create", "--email", "nope", "--role", "admin"]],
    [["token:create", "--email", "nobody@example.com"]],
    [["token:create", "--email", "a@example.com", "--ttl", "forever"]],
    [["frobnicate"]],
    [["user:create", "--email", "a@example.com", "--role", "admin", "--bogus"]],
    [["token:create", "--email", "a@example.com", "--ttl", "-5d"]],
    [["user:create", "--email", "b@example.com", "--role", "guest", "--name", "n".repeat(101)]],
    [["user:create", "--email", "b@example.com", "--role", "guest", "--name", "a\u0001b\u001bc"]],
    [["user:create", "--email", "b@example.com", "--role", "guest", "--username", "\u202eevil"]],
  ])("fails with a message on stderr and exit code 1: %j", async (args) => {
    const file = freshDatabaseFile();
    await cli(file, "user:create", "--email", "a@example.com", "--role", "default");
    const { code, stdout, stderr } = await cli(file, ...args);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^gatehouse: /);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("with no command, shows the help on stderr and exits 1", async () => {
    const { code, stdout, stderr } = await cli(freshDatabaseFile());
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain("user:create");
  });

  it("stores an empty --name or --username as none, so empty usernames never collide", async () => {
    const file = freshDatabaseFile();
    for (const email of ["c@example.com", "d@example.com"]) {
      const { code, stdout } = await cli(file, "user:create", "--email", email, "--role", "guest", "--name", "", "--username", "");
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toMatchObject({ displayName: null, username: null });
    }
  });

  it("refuses a second account with the same email, whatever its case", async () => {
    const file = freshDatabaseFile();
    await cli(file, "user:create", "--email", "a@example.com", "--role", "default");
    const { code, stdout, stderr } = await cli(file, "user:create", "--email", "A@EXAMPLE.com", "--role", "guest");
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^gatehouse: .*a@example\.com/);
    const database = await openDatabase(`file:${file}`);
    try {
      const rows = await database.client.execute("SELECT email, role FROM users WHERE lower(email) = 'a@example.com'");
      expect(rows.rows.map((r) => ({ ...r }))).toEqual([{ email: "a@example.com", role: "default" }]);
    } finally {
      database.close();
    }
  });
});

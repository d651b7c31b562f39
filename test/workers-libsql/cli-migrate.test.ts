// The Turso deploy path from Node: the operator CLI migrates and seeds a remote libSQL database over HTTP
// (here a local Hrana server standing in for Turso, which cannot run on this machine).
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHranaServer } from "../workers/libsql/hrana-server.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const run = promisify(execFile);
let server: Awaited<ReturnType<typeof startHranaServer>>;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "gatehouse-remote-"));
  server = await startHranaServer(join(dir, "remote.db"));
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) =>
  run(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: server.url } });

describe("the CLI against a remote libSQL database", () => {
  it("migrates (twice, idempotently), creates an admin and prints a token", async () => {
    await cli("migrate");
    await cli("migrate");
    const { stdout } = await cli("user:create", "--email", "ops@example.com", "--role", "admin");
    expect(JSON.parse(stdout)).toMatchObject({ email: "ops@example.com", role: "admin", status: "active" });
    const token = (await cli("token:create", "--email", "ops@example.com")).stdout.trim();
    expect(token).toMatch(/^[a-z2-7]{32}$/);
  });
});

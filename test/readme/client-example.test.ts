// The README's typed-client example, run as a user would copy it: against a real server, with a bearer token.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const run = promisify(execFile);

/** The first TypeScript block under "## The tRPC API". */
function readmeClientExample(): string {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## The tRPC API"));
  const block = section.match(/```ts\n([\s\S]*?)```/)?.[1];
  if (!block) throw new Error("README has no TypeScript example under '## The tRPC API'");
  return block;
}

let server: TestServer | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the README's tRPC client example", () => {
  it("runs as written against a server, inviting a user and limiting exactly the active one it names", async () => {
    server = await startTestServer();
    const admin = await server.actor({ role: "admin" });
    const ana = await server.seedUser({ email: "ana@example.com", role: "manager" });
    // Newer, and also matched by a search for "ana@example.com": the example must not pick her.
    const dana = await server.seedUser({ email: "dana@example.com", role: "manager", createdAt: Date.now() + 1000 });

    const example = readmeClientExample();
    const importLine = /from "\.\/gatehouse\/src\/trpc\/router\.ts"/;
    expect(example).toMatch(importLine);
    expect(example).toContain("http://localhost:8787/trpc");
    // Inside the project, "a path into your checkout" is the project itself.
    dir = mkdtempSync(join(ROOT, "test/readme/.run-"));
    const file = join(dir, "example.ts");
    const runnable = example
      .replace(importLine, `from "${join(ROOT, "src/trpc/router.ts")}"`)
      .replace("http://localhost:8787/trpc", `${server.url}/trpc`);
    writeFileSync(file, `${runnable}\nconsole.log(JSON.stringify({ total, user }));\n`);

    const { stdout } = await run(process.execPath, ["--import", "tsx", file], {
      cwd: ROOT,
      env: { ...process.env, GATEHOUSE_TOKEN: admin.token, NODE_OPTIONS: "" },
      timeout: 30_000,
    }).catch((error: { stderr?: string }) => {
      throw new Error(`the README example failed:\n${error.stderr}`);
    });
    expect(JSON.parse(stdout.trim().split("\n").at(-1)!)).toMatchObject({ user: { email: "new@example.com", status: "pending" } });
    expect((await admin.client.users.get.query({ id: ana.id })).dailyMessageLimit).toBe(200);
    expect((await admin.client.users.get.query({ id: dana.id })).dailyMessageLimit).toBeNull();
  });
});

// Separate server processes sharing one database file: inside one process the embedded driver
// runs each handler's statements back to back and hides races (STACK.md trap 3).
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");

export interface ServerProcess {
  url: string;
  /** What it printed up to "listening on". */
  startupOutput: string;
  stop(): Promise<void>;
}

// Children are killed when this test process exits, however the test ended.
const children = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});

/** Starts `src/node.ts` from `root` (the project, or a mutated copy) on a free port. */
export function spawnServer(databaseFile: string, env: Record<string, string> = {}, root = ROOT): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", join(root, "src/node.ts")], {
    cwd: root,
    env: { ...process.env, PORT: "0", DATABASE_URL: `file:${databaseFile}`, NODE_ENV: "test", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  child.once("exit", () => children.delete(child));
  let output = "";
  return new Promise((resolveStart, rejectStart) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = output.match(/listening on (http:\/\/localhost:\d+)/)?.[1];
      if (url) {
        child.stdout!.off("data", onData);
        resolveStart({
          url,
          startupOutput: output,
          stop: () =>
            new Promise((done) => {
              child.once("exit", () => done());
              child.kill("SIGTERM");
            }),
        });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => rejectStart(new Error(`server exited with ${code}:\n${output}`)));
  });
}

/**
 * A copy of the project with one file's text replaced: a deliberately broken build, so a race test
 * can prove it catches the bug it exists for.
 */
export function mutatedProject(file: string, search: string, replacement: string): { root: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), "gatehouse-mutant-"));
  for (const dir of ["src", "db"]) cpSync(join(ROOT, dir), join(root, dir), { recursive: true });
  cpSync(join(ROOT, "package.json"), join(root, "package.json"));
  symlinkSync(join(ROOT, "node_modules"), join(root, "node_modules"));
  const target = join(root, file);
  const text = readFileSync(target, "utf8");
  if (!text.includes(search)) throw new Error(`mutation target not found in ${file}: ${search}`);
  writeFileSync(target, text.replace(search, replacement));
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Starts several servers on one database file, one after another; if any fails, the others are stopped. */
export async function spawnServers(count: number, databaseFile: string, env: Record<string, string> = {}, root = ROOT): Promise<ServerProcess[]> {
  const started: ServerProcess[] = [];
  try {
    for (let i = 0; i < count; i++) started.push(await spawnServer(databaseFile, env, root));
    return started;
  } catch (error) {
    await Promise.all(started.map((s) => s.stop()));
    throw error;
  }
}

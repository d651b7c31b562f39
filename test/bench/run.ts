// `npm run bench`: every benchmark in one run, printed as one table (CONTRACT §8).
import { benchChat } from "./chat.ts";
import { printTable, type BenchRow } from "./table.ts";

/** Benchmarks other parts of the project contribute; a missing one is skipped with a note. */
async function optional(file: string, run: (mod: Record<string, unknown>) => Promise<BenchRow[]>): Promise<BenchRow[]> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(file)) as Record<string, unknown>;
  } catch (error) {
    const missing = (error as { code?: string }).code === "ERR_MODULE_NOT_FOUND";
    return [{ name: file, note: missing ? "not present: skipped" : `could not load: ${(error as Error).message}` }];
  }
  try {
    return await run(mod);
  } catch (error) {
    return [{ name: file, note: `failed: ${(error as Error).message}` }];
  }
}

const rows: BenchRow[] = [];
console.error("bench: chat through the message cap (about 45 s)…");
rows.push(...(await benchChat()));
console.error("bench: users.list over 100,000 users…");
rows.push(...(await optional("./users-list.ts", (m) => (m.benchUsersList as () => Promise<BenchRow[]>)())));
console.error("bench: bundle sizes…");
rows.push(...(await optional("./sizes.ts", (m) => (m.measureSizes as () => Promise<BenchRow[]>)())));
printTable(rows);

// A stand-in for a remote libSQL server (sqld/Turso) on 127.0.0.1: the Hrana v2 HTTP protocol that
// @libsql/client/web speaks, over one SQLite file. No sqld exists here (STACK.md trap 5); this lets the
// Worker's Turso path run for real: the same client, URL handling, batches and transactions.
// Pipelines run one at a time, as a single primary serialises writes.
import { createClient, type InValue, type ResultSet, type Transaction } from "@libsql/client";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

type Value = { type: "null" } | { type: "integer"; value: string } | { type: "float"; value: number } | { type: "text"; value: string } | { type: "blob"; base64: string };
interface Stmt {
  sql?: string;
  sql_id?: number;
  args?: Value[];
  named_args?: { name: string; value: Value }[];
  want_rows?: boolean;
}
type Cond = { type: "ok" | "error"; step: number } | { type: "not"; cond: Cond } | { type: "and" | "or"; conds: Cond[] } | { type: "is_autocommit" };
type Request =
  | { type: "execute"; stmt: Stmt }
  | { type: "batch"; batch: { steps: { condition?: Cond | null; stmt: Stmt }[] } }
  | { type: "sequence"; sql?: string; sql_id?: number }
  | { type: "store_sql"; sql_id: number; sql: string }
  | { type: "close_sql"; sql_id: number }
  | { type: "describe" | "get_autocommit" | "close" };

class HranaError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
  }
}

const fromValue = (v: Value): InValue => {
  switch (v.type) {
    case "null": return null;
    case "integer": return BigInt(v.value);
    case "float": return v.value;
    case "text": return v.value;
    case "blob": return Buffer.from(v.base64, "base64");
  }
};

const toValue = (v: unknown): Value => {
  if (v === null || v === undefined) return { type: "null" };
  if (typeof v === "bigint") return { type: "integer", value: v.toString() };
  if (typeof v === "number") return Number.isInteger(v) ? { type: "integer", value: String(v) } : { type: "float", value: v };
  if (typeof v === "string") return { type: "text", value: v };
  return { type: "blob", base64: Buffer.from(v as Uint8Array).toString("base64") };
};

export function startHranaServer(file: string): Promise<{ url: string; close(): Promise<void> }> {
  // intMode "bigint" keeps integers and floats apart, as the protocol does.
  const db = createClient({ url: `file:${file}`, intMode: "bigint", concurrency: 1 });
  const streams = new Map<string, Map<number, string>>();
  // The embedded client rolls back a bare BEGIN when the statement returns its connection, so a
  // batch's BEGIN…COMMIT steps run as one of its transactions instead.
  let tx: Transaction | null = null;
  const none = { columns: [], columnTypes: [], rows: [], rowsAffected: 0, lastInsertRowid: undefined } as unknown as ResultSet;

  async function run(sql: string, args: InValue[] | Record<string, InValue>): Promise<ResultSet> {
    const begin = sql.match(/^\s*begin\s*(deferred|immediate|exclusive)?/i);
    if (begin) {
      if (tx) throw new Error("cannot start a transaction within a transaction");
      tx = await db.transaction(begin[1]?.toLowerCase() === "deferred" ? "deferred" : "write");
      return none;
    }
    if (/^\s*(commit|end|rollback)\b/i.test(sql)) {
      if (!tx) throw new Error("cannot commit - no transaction is active");
      const open = tx;
      tx = null;
      await (/^\s*rollback/i.test(sql) ? open.rollback() : open.commit());
      return none;
    }
    return (tx ?? db).execute({ sql, args });
  }

  async function execute(stmt: Stmt, sqls: Map<number, string>) {
    const sql = stmt.sql ?? sqls.get(stmt.sql_id!);
    if (sql === undefined) throw new HranaError(`unknown sql_id ${stmt.sql_id}`, "SQL_NOT_FOUND");
    try {
      const named = Object.fromEntries((stmt.named_args ?? []).map((a) => [a.name.replace(/^[:@$]/, ""), fromValue(a.value)]));
      const args = stmt.named_args?.length ? named : (stmt.args ?? []).map(fromValue);
      const result = await run(sql, args);
      return {
        cols: result.columns.map((name, i) => ({ name, decltype: result.columnTypes[i] || null })),
        rows: stmt.want_rows === false ? [] : result.rows.map((row) => Array.from(row as ArrayLike<unknown>, toValue)),
        affected_row_count: result.rowsAffected,
        last_insert_rowid: result.lastInsertRowid === undefined ? null : String(result.lastInsertRowid),
      };
    } catch (error) {
      const e = error as { message: string; code?: string };
      throw new HranaError(e.message, e.code ?? "SQLITE_ERROR");
    }
  }

  async function batch(steps: { condition?: Cond | null; stmt: Stmt }[], sqls: Map<number, string>) {
    const results: unknown[] = [];
    const errors: unknown[] = [];
    const holds = (c: Cond): boolean => {
      switch (c.type) {
        case "ok": return results[c.step] != null;
        case "error": return errors[c.step] != null;
        case "not": return !holds(c.cond);
        case "and": return c.conds.every(holds);
        case "or": return c.conds.some(holds);
        case "is_autocommit": return !tx;
      }
    };
    for (const [i, step] of steps.entries()) {
      results[i] = null;
      errors[i] = null;
      if (step.condition && !holds(step.condition)) continue;
      try {
        results[i] = await execute(step.stmt, sqls);
      } catch (error) {
        errors[i] = { message: (error as Error).message, code: (error as HranaError).code };
      }
    }
    return { step_results: results, step_errors: errors };
  }

  async function handle(request: Request, sqls: Map<number, string>): Promise<unknown> {
    switch (request.type) {
      case "execute": return { type: "execute", result: await execute(request.stmt, sqls) };
      case "batch": return { type: "batch", result: await batch(request.batch.steps, sqls) };
      case "sequence": await db.executeMultiple(request.sql ?? sqls.get(request.sql_id!)!); return { type: "sequence" };
      case "store_sql": sqls.set(request.sql_id, request.sql); return { type: "store_sql" };
      case "close_sql": sqls.delete(request.sql_id); return { type: "close_sql" };
      case "get_autocommit": return { type: "get_autocommit", is_autocommit: !tx };
      case "close": return { type: "close" };
      default: throw new HranaError(`unsupported request ${request.type}`, "UNSUPPORTED");
    }
  }

  async function pipeline(body: { baton: string | null; requests: Request[] }) {
    const sqls = (body.baton && streams.get(body.baton)) || new Map<number, string>();
    if (body.baton) streams.delete(body.baton);
    const results = [];
    for (const request of body.requests) {
      try {
        results.push({ type: "ok", response: await handle(request, sqls) });
      } catch (error) {
        results.push({ type: "error", error: { message: (error as Error).message, code: (error as HranaError).code ?? "UNKNOWN" } });
      }
    }
    const closed = body.requests.some((r) => r.type === "close");
    const baton = closed ? null : crypto.randomUUID();
    if (baton) streams.set(baton, sqls);
    return { baton, base_url: null, results };
  }

  let turn = Promise.resolve();
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      if (req.method === "GET" && req.url === "/v2") return void res.writeHead(200).end();
      if (req.method !== "POST" || req.url !== "/v2/pipeline") return void res.writeHead(404).end();
      // One pipeline at a time: a batch's BEGIN…COMMIT never interleaves with another request.
      turn = turn.then(async () => {
        const answer = await pipeline(JSON.parse(raw));
        res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(answer));
      }).catch((error: Error) => void res.writeHead(500).end(error.message));
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise<void>((done) => server.close(() => (db.close(), done()))),
      });
    });
  });
}

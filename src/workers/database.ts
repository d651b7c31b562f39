// Workers: the database from bindings. Remote libSQL (Turso) when DATABASE_URL says so, else the D1 binding DB.
import { createClient } from "@libsql/client/web";
import { drizzle as drizzleD1 } from "drizzle-orm/d1";
import { drizzle as drizzleLibsql } from "drizzle-orm/libsql/web";
import * as schema from "../../db/schema.ts";
import { ConfigError } from "../core/config.ts";
import type { Db } from "../db/types.ts";

/** The D1 binding as far as this module cares; the runtime object is handed to drizzle untouched. */
export interface D1Binding {
  prepare(query: string): { bind(...values: unknown[]): unknown };
  batch(statements: unknown[]): Promise<unknown[]>;
}

interface BatchQuery {
  _prepare(): { getQuery(): { sql: string; params: unknown[] }; mapResult(result: unknown, isFromBatch: boolean): unknown };
}

/**
 * drizzle-orm 0.45's D1 batch crashes on raw `db.run(sql…)`/`db.all(sql…)` items with parameters
 * ("Cannot read properties of undefined (reading 'bind')", drizzle-team/drizzle-orm#2277), and the
 * core's guarded changes are exactly such batches. This is drizzle's own batch, preparing every
 * statement from its SQL text as drizzle already does for parameterless items.
 */
function withWorkingBatch(db: Db, d1: D1Binding): Db {
  const batch = async (queries: readonly BatchQuery[]) => {
    const prepared = queries.map((query) => query._prepare());
    const statements = prepared.map((p) => {
      const { sql, params } = p.getQuery();
      return d1.prepare(sql).bind(...params);
    });
    const results = await d1.batch(statements);
    return results.map((result, i) => prepared[i]!.mapResult(result, true));
  };
  return Object.assign(db, { batch: batch as unknown as Db["batch"] });
}

/** DATABASE_URL (remote libSQL, e.g. Turso) wins; without it the D1 binding serves. */
export function openWorkerDatabase(databaseUrl: string | undefined, authToken: string | undefined, d1: D1Binding | undefined): Db {
  if (databaseUrl) {
    if (!/^(libsql|https?):\/\//.test(databaseUrl)) {
      throw new ConfigError("Invalid configuration: DATABASE_URL on Workers must start with libsql://, https:// or http:// (files need Node)");
    }
    // intMode "number" matches the Node client: timestamps are plain numbers on both. No concurrency
    // limit: the client's limiter starts a queued query when another finishes, i.e. from another
    // request's context, which Workers refuse ("Cannot perform I/O on behalf of a different request").
    const client = createClient({ url: databaseUrl, authToken, intMode: "number", concurrency: Infinity });
    return drizzleLibsql(client, { schema }) as unknown as Db;
  }
  if (!d1) {
    throw new ConfigError("Invalid configuration: bind a D1 database as DB, or set DATABASE_URL to a libsql:// URL (Turso)");
  }
  return withWorkingBatch(drizzleD1(d1 as never, { schema }) as unknown as Db, d1);
}

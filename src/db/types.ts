// The database handle every core module takes: one Drizzle type for libSQL (file or remote) and D1.
import type { BatchItem, BatchResponse } from "drizzle-orm/batch";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import type * as schema from "../../db/schema.ts";

/** Both drizzle's libSQL and D1 databases have this batch: one transaction, one round trip. */
type Batch = <U extends BatchItem<"sqlite">, T extends Readonly<[U, ...U[]]>>(batch: T) => Promise<BatchResponse<T>>;

export type Db = BaseSQLiteDatabase<"async", any, typeof schema> & { batch: Batch };

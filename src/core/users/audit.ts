// The audit log: every change, newest first, keyset-paginated.
import { desc, sql } from "drizzle-orm";
import { auditLog } from "../../../db/schema.ts";
import type { Db } from "../../db/types.ts";
import { fail } from "../errors.ts";

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  action: string;
  targetId: string | null;
  detail: Record<string, unknown>;
}

export async function listAudit(db: Db, input: { limit: number; cursor?: string | undefined }) {
  let after: [number, string] | null = null;
  if (input.cursor) {
    const [at, id] = input.cursor.split("~");
    if (!at || !id || !/^\d+$/.test(at)) fail("INVALID_INPUT", "cursor: not a cursor from this listing; start again without a cursor");
    after = [Number(at), id!];
  }
  const rows = await db
    .select()
    .from(auditLog)
    .where(after ? sql`(${auditLog.at}, ${auditLog.id}) < (${after[0]}, ${after[1]})` : undefined)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(input.limit + 1)
    .all();
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    items: items.map((r): AuditEntry => ({ ...r, at: new Date(r.at).toISOString(), detail: r.detail ?? {} })),
    nextCursor: rows.length > input.limit && last ? `${last.at}~${last.id}` : null,
  };
}

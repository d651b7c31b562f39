// The audit log: every change, newest first, keyset-paginated by insertion order.
import { desc, lt } from "drizzle-orm";
import { auditLog } from "../../../db/schema.ts";
import type { Db } from "../../db/types.ts";
import { failBadCursor } from "../errors.ts";

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  action: string;
  targetId: string | null;
  detail: Record<string, unknown>;
}

export async function listAudit(db: Db, input: { limit: number; cursor?: string | undefined }) {
  if (input.cursor !== undefined && !/^\d{1,15}$/.test(input.cursor)) {
    failBadCursor();
  }
  const rows = await db
    .select()
    .from(auditLog)
    .where(input.cursor ? lt(auditLog.seq, Number(input.cursor)) : undefined)
    .orderBy(desc(auditLog.seq))
    .limit(input.limit + 1)
    .all();
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    items: items.map(({ seq: _, ...r }): AuditEntry => ({ ...r, at: new Date(r.at).toISOString(), detail: r.detail ?? {} })),
    nextCursor: rows.length > input.limit && last ? String(last.seq) : null,
  };
}

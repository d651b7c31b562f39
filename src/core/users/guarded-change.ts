// Applies a policy decision atomically: the audit entry is written only if the facts the decision
// rested on still hold, and every effect in the same batch is conditioned on that entry.
import { sql, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../db/types.ts";
import { ADMIN_ROLE, type Role, type Status } from "../policy.ts";
import { newId } from "../tokens.ts";

export interface Decision {
  /** null for operator tooling (CLI); otherwise the acting user as the decision saw them. */
  actor: { id: string; role: Role } | null;
  target: { id: string; role: Role; status: Status } | null;
  /** The user the entry is about when there is no target to re-check (one being created, or the actor). */
  targetId?: string;
  action: string;
  detail?: Record<string, unknown>;
  /** The change removes an active admin: another active admin must remain. */
  removesActiveAdmin?: boolean;
  /** Extra facts that must hold, e.g. "no user has this email". */
  alsoRequires?: SQL;
}

/**
 * Runs `effects` in one batch with the audit insert. `committed` is a SQL condition that is true
 * only when the audit entry was written, so every effect applies all-or-nothing with it. Returns
 * the batch results, or null when the facts had changed (a racing request won); the caller decides again.
 */
export async function applyGuarded(
  db: Db,
  at: number,
  decision: Decision,
  effects: (committed: SQL) => BatchItem<"sqlite">[],
): Promise<unknown[] | null> {
  const auditId = newId();
  const facts = [sql`1`, ...decisionStillHolds(decision), ...(decision.alsoRequires ? [decision.alsoRequires] : [])];

  const audit = db.all<{ id: string }>(sql`
    INSERT INTO audit_log (id, at, actor_id, action, target_id, detail)
    SELECT ${auditId}, ${at}, ${decision.actor?.id ?? null}, ${decision.action}, ${decision.target?.id ?? decision.targetId ?? null}, ${JSON.stringify(decision.detail ?? {})}
    WHERE ${sql.join(facts, sql` AND `)}
    RETURNING id`);
  const committed = sql`EXISTS (SELECT 1 FROM audit_log WHERE id = ${auditId})`;
  const [written, ...results] = await db.batch([audit, ...effects(committed)]);
  return (written as unknown[]).length === 1 ? results : null;
}

/** The facts the policy decision read: actor and target unchanged, and another active admin if one is removed. */
function decisionStillHolds({ actor, target, removesActiveAdmin }: Decision): SQL[] {
  const facts: SQL[] = [];
  if (actor) {
    facts.push(sql`EXISTS (SELECT 1 FROM users WHERE id = ${actor.id} AND role = ${actor.role} AND status = 'active')`);
  }
  if (target) {
    facts.push(sql`EXISTS (SELECT 1 FROM users WHERE id = ${target.id} AND role = ${target.role} AND status = ${target.status})`);
  }
  if (removesActiveAdmin && target) {
    facts.push(sql`EXISTS (SELECT 1 FROM users WHERE role = ${ADMIN_ROLE} AND status = 'active' AND id <> ${target.id})`);
  }
  return facts;
}

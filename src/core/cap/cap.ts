// The message-cap rule (CONTRACT §7), transport-free: admit a chat, then settle it by its outcome.
import type { Deps } from "../deps.ts";
import { fail } from "../errors.ts";
import { admit, readCapState, settleSql, WINDOW_MS, type CapState, type Reservation } from "./ledger.ts";
import { settleQueueFor } from "./settle-queue.ts";

export type Admission =
  /** A limited user holding a reserved slot; `before` is the state read just before admission. */
  | { kind: "reserved"; userId: string; reservation: Reservation; before: CapState }
  /** Admins and users without a limit: never refused, their successes only recorded. */
  | { kind: "unlimited"; userId: string; at: number }
  | { kind: "refused"; userId: string; state: CapState };

/**
 * One read decides who is limited; for them the atomic statement decides admission. A refusal may
 * come from the read alone: it is a consistent snapshot in which no slot was free.
 */
export async function admitChat(deps: Deps, userId: string): Promise<Admission> {
  const now = deps.clock.now();
  const before = await readCapState(deps.db, userId, now);
  if (!before || before.status !== "active") return fail("UNAUTHENTICATED", "Your session has ended; sign in again.");
  if (before.limit === null) return { kind: "unlimited", userId, at: now };
  if (before.used >= before.limit) return { kind: "refused", userId, state: before };
  const reservation = await admit(deps.db, userId, now);
  if (reservation) return { kind: "reserved", userId, reservation, before };
  const state = await readCapState(deps.db, userId, now);
  if (state && state.limit === null) return { kind: "unlimited", userId, at: now };
  return { kind: "refused", userId, state: state ?? before };
}

/**
 * The state a limited user's response reports: the snapshot before admission plus this chat while
 * it is in flight or once committed; as it was if released. (Concurrent chats of the same user may
 * have moved the ledger since: headers are a snapshot, admission alone is exact.)
 */
export function stateAfter(admission: Extract<Admission, { kind: "reserved" }>, counted: boolean): CapState {
  const { before, reservation } = admission;
  if (!counted) return before;
  const resetAt = before.resetAt ?? reservation.at + WINDOW_MS;
  return { ...before, used: before.used + 1, resetAt };
}

/**
 * Settles an admitted chat: a success commits the reservation (or records the chat), a failure
 * releases it. Resolves once the write is committed; writes are grouped with concurrent ones.
 */
export async function settleChat(deps: Deps, admission: Admission, succeeded: boolean): Promise<void> {
  const queue = settleQueueFor(deps.db);
  const now = deps.clock.now();
  if (admission.kind === "reserved") {
    const r = admission.reservation;
    await queue.write(succeeded ? settleSql.commit(r) : settleSql.release(r), r.userId, now);
  } else if (admission.kind === "unlimited" && succeeded) {
    await queue.write(settleSql.record(admission.userId, admission.at), admission.userId, now);
  }
}

/** Keeps a long-running stream's reservation from expiring while it still runs. */
export async function renewChat(deps: Deps, admission: Admission): Promise<void> {
  if (admission.kind !== "reserved") return;
  const now = deps.clock.now();
  await settleQueueFor(deps.db).write(settleSql.renew(admission.reservation, now), admission.userId, now);
}

export async function requireCapState(deps: Deps, userId: string): Promise<CapState> {
  const state = await readCapState(deps.db, userId, deps.clock.now());
  return state ?? fail("NOT_FOUND", "No user has this id; it may have been deleted.");
}

export interface Usage {
  limit: number | null;
  used: number;
  remaining: number | null;
  resetAt: string | null;
}

export function toUsage(state: CapState): Usage {
  return {
    limit: state.limit,
    used: state.used,
    remaining: state.limit === null ? null : Math.max(0, state.limit - state.used),
    resetAt: state.resetAt === null ? null : new Date(state.resetAt).toISOString(),
  };
}

/** GET /api/usage and me.usage. */
export async function getUsage(deps: Deps, userId: string): Promise<Usage> {
  return toUsage(await requireCapState(deps, userId));
}

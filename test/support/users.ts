// Seeding users and sessions directly, for tests that start from a given state.
import { createSessions } from "../../src/auth/sessions.ts";
import type { Deps } from "../../src/core/deps.ts";
import type { Role, Status } from "../../src/core/policy.ts";
import { newId } from "../../src/core/tokens.ts";
import { users, invitations } from "../../db/schema.ts";
import { hashToken } from "../../src/core/tokens.ts";

let sequence = 0;

export interface Seed {
  email?: string;
  role?: Role;
  status?: Status;
  displayName?: string;
  username?: string;
  dailyMessageLimit?: number | null;
  createdAt?: number;
}

export async function seedUser(deps: Deps, seed: Seed = {}) {
  const id = newId();
  const role = seed.role ?? "default";
  const status = seed.status ?? "active";
  const email = seed.email ?? `${role}-${++sequence}-${id.slice(0, 6)}@example.com`;
  const createdAt = seed.createdAt ?? deps.clock.now();
  await deps.db.insert(users).values({
    id,
    email,
    role,
    status,
    displayName: seed.displayName ?? null,
    username: seed.username ?? null,
    dailyMessageLimit: seed.dailyMessageLimit ?? null,
    createdAt,
  });
  if (status === "pending") {
    await deps.db.insert(invitations).values({
      userId: id,
      tokenHash: await hashToken(`seed-${id}`),
      expiresAt: createdAt + 7 * 86_400_000,
      createdAt,
    });
  }
  return { id, email, role, status };
}

/** A bearer token for the user, made through the real session module. */
export async function tokenFor(deps: Deps, userId: string): Promise<string> {
  return createSessions(deps.db, { secureCookies: false }).create(userId);
}

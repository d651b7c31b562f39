// The first run of an empty database: create the first admin and hand the operator a way in.
import type { Deps } from "../core/deps.ts";
import { bootstrapFirstAdmin } from "../core/users/accounts.ts";
import { createSigninLink } from "./signin-links.ts";

/** Logs a one-time sign-in link when this call created the first admin; returns whether it did. */
export async function bootstrapAndAnnounce(deps: Deps): Promise<boolean> {
  const admin = await bootstrapFirstAdmin(deps);
  if (!admin) return false;
  const link = await createSigninLink(deps.db, deps.clock, deps.config.publicUrl, admin.id);
  deps.log.info(`Created the first administrator, ${admin.email}. Sign in within 15 minutes:\n\n  ${link}\n`);
  return true;
}

// Sign-ins in progress at the provider: PKCE verifier and nonce, keyed by the SHA-256 of the state.
import { sql } from "drizzle-orm";
import { ssoFlows } from "../../../db/schema.ts";
import type { Db } from "../../db/types.ts";
import { MINUTE, type Clock } from "../../core/clock.ts";
import { hashToken } from "../../core/tokens.ts";
import type { AuthorizationParams } from "./oidc-client.ts";

export const SSO_FLOW_TTL = 10 * MINUTE;

export interface SsoFlow extends AuthorizationParams {
  invitedUserId: string | null;
  createdAt: number;
}

export async function saveSsoFlow(db: Db, clock: Clock, params: AuthorizationParams, invitedUserId: string | null): Promise<void> {
  const now = clock.now();
  await db.batch([
    db.run(sql`DELETE FROM sso_flows WHERE expires_at <= ${now}`),
    db.insert(ssoFlows).values({
      stateHash: await hashToken(params.state),
      codeVerifier: params.codeVerifier,
      nonce: params.nonce,
      invitedUserId,
      expiresAt: now + SSO_FLOW_TTL,
      createdAt: now,
    }),
  ]);
}

/** Takes the flow out in one statement: a replayed or racing callback finds nothing. */
export async function takeSsoFlow(db: Db, clock: Clock, state: string): Promise<SsoFlow | null> {
  const rows = await db.all<{ code_verifier: string; nonce: string; invited_user_id: string | null; created_at: number }>(sql`
    DELETE FROM sso_flows WHERE state_hash = ${await hashToken(state)} AND expires_at > ${clock.now()}
    RETURNING code_verifier, nonce, invited_user_id, created_at`);
  const row = rows[0];
  if (!row) return null;
  return { state, codeVerifier: row.code_verifier, nonce: row.nonce, invitedUserId: row.invited_user_id, createdAt: row.created_at };
}

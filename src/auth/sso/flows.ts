// Sign-ins in progress at the provider: PKCE verifier and nonce, keyed by the SHA-256 of the state.
import { sql } from "drizzle-orm";
import { ssoFlows } from "../../../db/schema.ts";
import type { Db } from "../../db/types.ts";
import { MINUTE, type Clock } from "../../core/clock.ts";
import { hashToken } from "../../core/tokens.ts";
import type { AuthorizationParams } from "./oidc-client.ts";

export const SSO_FLOW_TTL = 10 * MINUTE;

/** The invitation a flow completes: its pending user and the hash of the token it started from. */
export interface FlowInvitation {
  userId: string;
  tokenHash: string;
}

export interface SsoFlow extends AuthorizationParams {
  invitation: FlowInvitation | null;
}

export async function saveSsoFlow(db: Db, clock: Clock, params: AuthorizationParams, invitation: FlowInvitation | null): Promise<void> {
  const now = clock.now();
  await db.batch([
    db.run(sql`DELETE FROM sso_flows WHERE expires_at <= ${now}`),
    db.insert(ssoFlows).values({
      stateHash: await hashToken(params.state),
      codeVerifier: params.codeVerifier,
      nonce: params.nonce,
      invitedUserId: invitation?.userId ?? null,
      invitationTokenHash: invitation?.tokenHash ?? null,
      expiresAt: now + SSO_FLOW_TTL,
      createdAt: now,
    }),
  ]);
}

/** Takes the flow out in one statement: a replayed or racing callback finds nothing. */
export async function takeSsoFlow(db: Db, clock: Clock, state: string): Promise<SsoFlow | null> {
  const rows = await db.all<{ code_verifier: string; nonce: string; invited_user_id: string | null; invitation_token_hash: string | null }>(sql`
    DELETE FROM sso_flows WHERE state_hash = ${await hashToken(state)} AND expires_at > ${clock.now()}
    RETURNING code_verifier, nonce, invited_user_id, invitation_token_hash`);
  const row = rows[0];
  if (!row) return null;
  const invitation = row.invited_user_id && row.invitation_token_hash
    ? { userId: row.invited_user_id, tokenHash: row.invitation_token_hash }
    : null;
  return { state, codeVerifier: row.code_verifier, nonce: row.nonce, invitation };
}

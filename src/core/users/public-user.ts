// What leaves the server about a user (CONTRACT §4): never a raw row.
import type { InvitationRow, UserRow } from "../../../db/schema.ts";
import { allowedActions, type Actor, type Role, type Status, type UserAction } from "../policy.ts";

export interface PublicUser {
  id: string;
  email: string;
  username: string | null;
  displayName: string | null;
  bio: string | null;
  role: Role;
  status: Status;
  createdAt: string;
  lastActiveAt: string | null;
  dailyMessageLimit: number | null;
  messagesLast24h: number;
  /** Only on pending accounts: when the invitation expires and whether its email went out. */
  invitation: { expiresAt: string; sentAt: string | null; deliveryError: string | null } | null;
  actions: UserAction[];
}

export type UserWithStats = UserRow & {
  messagesLast24h: number;
  invitation?: Pick<InvitationRow, "expiresAt" | "sentAt" | "deliveryError"> | null;
};

const iso = (ms: number | null | undefined): string | null => (ms == null ? null : new Date(ms).toISOString());

export function toPublicUser(row: UserWithStats, viewer: Actor | null): PublicUser {
  const invitation = row.status === "pending" && row.invitation
    ? { expiresAt: iso(row.invitation.expiresAt)!, sentAt: iso(row.invitation.sentAt), deliveryError: row.invitation.deliveryError }
    : null;
  return {
    id: row.id,
    email: row.email,
    username: row.username,
    displayName: row.displayName,
    bio: row.bio,
    role: row.role,
    status: row.status,
    createdAt: iso(row.createdAt)!,
    lastActiveAt: iso(row.lastActiveAt),
    dailyMessageLimit: row.dailyMessageLimit,
    messagesLast24h: row.messagesLast24h,
    invitation,
    actions: viewer ? allowedActions(viewer, row) : [],
  };
}

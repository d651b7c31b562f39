// The wire shapes the panel reads (CONTRACT §4): plain JSON, timestamps as ISO strings.
import type { Role, Status, UserAction } from "../../../src/core/policy.ts";

export type { Role, Status, UserAction };

export interface Invitation {
  expiresAt: string;
  sentAt: string | null;
  deliveryError: string | null;
}

export interface User {
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
  actions: UserAction[];
  invitation?: Invitation | null;
}

export interface Me extends User {
  can: { listUsers: boolean; invite: Role[]; readAudit: boolean };
}

export interface UserPage {
  items: User[];
  nextCursor: string | null;
  total: number;
}

export type SortColumn = "createdAt" | "email" | "role" | "status" | "lastActiveAt";
export type SortOrder = "asc" | "desc";

export interface ListInput {
  search?: string;
  role?: Role;
  status?: Status;
  sort?: SortColumn;
  order?: SortOrder;
  limit?: number;
  cursor?: string;
}

export interface InviteInput {
  email: string;
  displayName?: string;
  welcomeMessage?: string;
  bio?: string;
  role: Role;
}

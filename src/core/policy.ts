// The roles policy (CONTRACT §5): the one table every operation and the panel read.
export const ROLES = ["admin", "manager", "default", "guest"] as const;
export type Role = (typeof ROLES)[number];

export const STATUSES = ["active", "pending", "suspended"] as const;
export type Status = (typeof STATUSES)[number];

export const USER_ACTIONS = [
  "setRole",
  "suspend",
  "unsuspend",
  "delete",
  "setMessageLimit",
  "resendInvite",
  "revokeInvite",
] as const;
export type UserAction = (typeof USER_ACTIONS)[number];

export const ROLE_RANK: Record<Role, number> = { admin: 3, manager: 2, default: 1, guest: 0 };

/** The role the instance must always keep one active holder of, and the first account's role. */
export const ADMIN_ROLE: Role = "admin";

interface RolePolicy {
  listUsers: boolean;
  readAudit: boolean;
  /** Roles of the users this role may act on (and grant, and invite as). */
  manages: readonly Role[];
}

export const POLICY: Record<Role, RolePolicy> = {
  admin: { listUsers: true, readAudit: true, manages: ["admin", "manager", "default", "guest"] },
  manager: { listUsers: true, readAudit: false, manages: ["default", "guest"] },
  default: { listUsers: false, readAudit: false, manages: [] },
  guest: { listUsers: false, readAudit: false, manages: [] },
};

/** The statuses a target may be in for each action; pending accounts can only be resent or revoked. */
export const ACTION_TARGET_STATUSES: Record<UserAction, readonly Status[]> = {
  setRole: ["active", "suspended"],
  suspend: ["active"],
  unsuspend: ["suspended"],
  delete: ["active", "suspended"],
  setMessageLimit: ["active", "suspended"],
  resendInvite: ["pending"],
  revokeInvite: ["pending"],
};

/** Roles an SSO_SIGNUP_DOMAINS entry may give: nobody becomes an admin without an admin acting. */
export const SELF_SIGNUP_ROLES: readonly Role[] = ROLES.filter((role) => role !== ADMIN_ROLE);

/** Admins are never limited, so a limit on an admin account would be meaningless. */
export const UNLIMITED_ROLES: readonly Role[] = ["admin"];

/** Actions that remove an active admin when applied to one: the last-admin guard covers them. */
export const ADMIN_REMOVING_ACTIONS: readonly UserAction[] = ["setRole", "suspend", "delete"];

export type Refusal =
  | "NOT_PERMITTED"
  | "SELF_ACTION"
  | "TARGET_NOT_ALLOWED"
  | "ROLE_NOT_ALLOWED"
  | "INVALID_STATE";

export interface Actor {
  id: string;
  role: Role;
}
export interface Target {
  id: string;
  role: Role;
  status: Status;
}

export function canListUsers(role: Role): boolean {
  return POLICY[role].listUsers;
}
export function canReadAudit(role: Role): boolean {
  return POLICY[role].readAudit;
}
/** Roles the actor may grant, which are also the roles they may invite as. */
export function grantableRoles(role: Role): Role[] {
  return [...POLICY[role].manages];
}

/**
 * Why the actor may not do `action` to `target` (with `newRole` for setRole), or null when allowed.
 * The last-admin rule depends on the whole table and is enforced in SQL by the guarded write.
 */
export function refusal(actor: Actor, target: Target, action: UserAction, newRole?: Role): Refusal | null {
  const manages = POLICY[actor.role].manages;
  if (manages.length === 0) return "NOT_PERMITTED";
  if (actor.id === target.id) return "SELF_ACTION";
  if (!manages.includes(target.role)) return "TARGET_NOT_ALLOWED";
  if (newRole !== undefined && !manages.includes(newRole)) return "ROLE_NOT_ALLOWED";
  if (!ACTION_TARGET_STATUSES[action].includes(target.status)) return "INVALID_STATE";
  if (action === "setMessageLimit" && UNLIMITED_ROLES.includes(target.role)) return "INVALID_STATE";
  return null;
}

/** What the actor may do to this row: the panel shows exactly these actions. */
export function allowedActions(actor: Actor, target: Target): UserAction[] {
  return USER_ACTIONS.filter((action) => refusal(actor, target, action) === null);
}

/** Whether applying the action removes an active admin (so the last-admin guard must hold). */
export function removesActiveAdmin(target: Target, action: UserAction, newRole?: Role): boolean {
  if (target.role !== ADMIN_ROLE || target.status !== "active") return false;
  if (!ADMIN_REMOVING_ACTIONS.includes(action)) return false;
  return action !== "setRole" || newRole !== ADMIN_ROLE;
}

// Human labels for the policy's roles and statuses; typed by the policy so a new role can't be missed.
import type { Role, Status } from "../api/types.ts";

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  manager: "Manager",
  default: "Default",
  guest: "Guest",
};

export const STATUS_LABELS: Record<Status, string> = {
  active: "Active",
  pending: "Pending",
  suspended: "Suspended",
};

/** How a row names its account in messages: email, or username when there is no email. */
export const accountName = (user: { email: string | null; username: string | null }) =>
  user.email || user.username || "this account";

// Runs row actions against the server and reports the outcome: success notices, refusals in words.
import { createSignal } from "solid-js";
import { trpc } from "../api/client.ts";
import { describeFailure, fieldErrors, toFailure } from "../api/errors.ts";
import type { Role, User, UserAction } from "../api/types.ts";
import { formatCount } from "../ui/format.ts";
import { notify } from "../ui/notice.tsx";
import { accountName, ROLE_LABELS } from "./labels.ts";
import { focusRowActions, neighbourOf } from "./row-focus.ts";

/** What the operator is told: a success sentence, or a problem that remains although the call succeeded. */
type Outcome = string | { problem: string };

export type OpenDialog = { kind: "role" | "limit" | "delete" | "revoke"; user: User } | null;

/** Refusals mean the row was out of date or the action not allowed: say so once, on the page, and refresh. */
const REFUSAL_CODES = new Set(["FORBIDDEN", "CONFLICT", "NOT_FOUND"]);

export interface ListEdits {
  replace: (user: User) => void;
  remove: (id: string) => void;
  /** Re-read the list, so rows and their allowed actions match the server after a refusal. */
  refresh: () => void;
}

export function createUserActions(list: ListEdits) {
  const [dialog, setDialog] = createSignal<OpenDialog>(null);
  const [busyId, setBusyId] = createSignal<string | null>(null);
  const [dialogError, setDialogError] = createSignal("");
  const [fieldError, setFieldError] = createSignal<string>();

  const openDialog = (next: OpenDialog) => {
    setDialogError("");
    setFieldError(undefined);
    setDialog(next);
  };

  async function run<T>(user: User, call: () => Promise<T>, done: (result: T) => Outcome) {
    const neighbour = neighbourOf(user.id);
    let keepFocus = false;
    setFieldError(undefined);
    setBusyId(user.id);
    try {
      const outcome = done(await call());
      setDialog(null);
      if (typeof outcome === "string") notify("success", outcome);
      else notify("error", outcome.problem);
    } catch (error) {
      const failure = toFailure(error);
      const text = describeFailure(failure);
      // The limit is the only field these dialogs have; a bad value or a failed connection keeps the dialog open.
      const onField = fieldErrors(failure).limit;
      if (dialog() && !REFUSAL_CODES.has(failure.code)) {
        setFieldError(onField);
        setDialogError(onField ? "" : text);
        keepFocus = true;
      } else {
        setDialog(null);
        notify("error", text);
      }
      if (failure.code !== "BAD_REQUEST") list.refresh();
    } finally {
      setBusyId(null);
      // After the buttons are enabled again: the row's first action, or the row that took its place.
      if (!keepFocus) focusRowActions(user.id, neighbour);
    }
  }

  const name = accountName;
  const updated = (message: (u: User) => string) => (u: User) => (list.replace(u), message(u));

  const suspend = (user: User) =>
    run(user, () => trpc.users.suspend.mutate({ id: user.id }), updated((u) => `Suspended ${name(u)}. They are signed out.`));
  const setRole = (user: User, role: Role) =>
    run(user, () => trpc.users.setRole.mutate({ id: user.id, role }), updated((u) => `${name(u)} is now ${ROLE_LABELS[u.role]}.`));
  const setLimit = (user: User, limit: number | null) =>
    run(user, () => trpc.users.setMessageLimit.mutate({ id: user.id, limit }), updated((u) =>
      u.dailyMessageLimit === null
        ? `Removed the daily limit of ${name(u)}.`
        : `Daily limit of ${name(u)} set to ${formatCount(u.dailyMessageLimit)} messages.`));
  const remove = (user: User) =>
    run(user, () => trpc.users.delete.mutate({ id: user.id }), () => (list.remove(user.id), `Deleted ${name(user)}.`));
  const revoke = (user: User) =>
    run(user, () => trpc.users.revokeInvite.mutate({ id: user.id }), () => (list.remove(user.id), `Revoked the invitation of ${name(user)}.`));

  /** Row buttons: reversible one-click actions run at once; choices and irreversible actions open a dialog. */
  const start = (action: UserAction, user: User) => {
    if (action === "setRole") return openDialog({ kind: "role", user });
    if (action === "setMessageLimit") return openDialog({ kind: "limit", user });
    if (action === "delete") return openDialog({ kind: "delete", user });
    if (action === "revokeInvite") return openDialog({ kind: "revoke", user });
    if (action === "suspend") return suspend(user);
    if (action === "unsuspend")
      return run(user, () => trpc.users.unsuspend.mutate({ id: user.id }), updated((u) => `Unsuspended ${name(u)}.`));
    if (action === "resendInvite")
      return run(user, () => trpc.users.resendInvite.mutate({ id: user.id }), (r) => {
        list.replace(r.user);
        // The server keeps the invitation even when mail fails; say so instead of claiming success.
        const failed = r.user.invitation?.deliveryError;
        if (failed) return { problem: `Made a new invitation for ${name(user)}, but the email was not sent: ${failed}` };
        return `Sent a new invitation to ${name(user)}.`;
      });
  };

  return { dialog, busyId, dialogError, fieldError, start, setRole, setLimit, remove, revoke, suspend, close: () => setDialog(null) };
}

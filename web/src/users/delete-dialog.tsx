// Delete confirmation: names the account, says it can't be undone, and offers suspending instead.
import { Show } from "solid-js";
import type { User } from "../api/types.ts";
import { Dialog } from "../ui/dialog.tsx";
import { accountName } from "./labels.ts";

export interface DeleteDialogProps {
  user: User;
  error: string;
  busy: boolean;
  onDelete: () => void;
  onSuspend: () => void;
  onClose: () => void;
}

export function DeleteDialog(props: DeleteDialogProps) {
  const canSuspend = () => props.user.actions.includes("suspend");
  return (
    <Dialog title={`Delete ${accountName(props.user)}?`} role="alertdialog" onClose={props.onClose}>
      <div class="stack">
        <p>
          This permanently deletes the account <strong>{accountName(props.user)}</strong>
          <Show when={props.user.displayName}> ({props.user.displayName})</Show> and signs it out everywhere.
          It can't be undone.
        </p>
        <Show when={canSuspend()}>
          <p>To stop them signing in but keep the account, suspend it instead: you can unsuspend it later.</p>
        </Show>
        <Show when={props.error}>
          <p class="form-error" role="alert">{props.error}</p>
        </Show>
        <div class="buttons">
          <button type="button" data-autofocus onClick={props.onClose}>Cancel</button>
          <Show when={canSuspend()}>
            <button type="button" disabled={props.busy} onClick={props.onSuspend}>Suspend instead</button>
          </Show>
          <button type="button" class="danger" disabled={props.busy} onClick={props.onDelete}>
            Delete permanently
          </button>
        </div>
      </div>
    </Dialog>
  );
}

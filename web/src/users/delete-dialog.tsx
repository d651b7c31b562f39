// Delete confirmation: names the account, says it can't be undone, and offers suspending instead.
import { Show } from "solid-js";
import type { User } from "../api/types.ts";
import { ConfirmDialog } from "../ui/confirm-dialog.tsx";
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
    <ConfirmDialog
      title={`Delete ${accountName(props.user)}?`}
      confirmLabel="Delete permanently"
      error={props.error}
      busy={props.busy}
      onConfirm={props.onDelete}
      onClose={props.onClose}
      alternative={canSuspend() ? { label: "Suspend instead", onClick: props.onSuspend } : undefined}
    >
      <p>
        This permanently deletes the account <strong>{accountName(props.user)}</strong>
        <Show when={props.user.displayName}> ({props.user.displayName})</Show> and signs it out everywhere.
        It can't be undone.
      </p>
      <Show when={canSuspend()}>
        <p>To stop them signing in but keep the account, suspend it instead: you can unsuspend it later.</p>
      </Show>
    </ConfirmDialog>
  );
}

// Revoke confirmation: the pending account goes away with its invitation, and the emailed link stops working.
import type { User } from "../api/types.ts";
import { ConfirmDialog } from "../ui/confirm-dialog.tsx";
import { accountName } from "./labels.ts";

export interface RevokeDialogProps {
  user: User;
  error: string;
  busy: boolean;
  onRevoke: () => void;
  onClose: () => void;
}

export function RevokeDialog(props: RevokeDialogProps) {
  return (
    <ConfirmDialog
      title={`Revoke the invitation of ${accountName(props.user)}?`}
      confirmLabel="Revoke invitation"
      error={props.error}
      busy={props.busy}
      onConfirm={props.onRevoke}
      onClose={props.onClose}
    >
      <p>
        The link sent to <strong>{accountName(props.user)}</strong> stops working and the pending account is removed.
        You can invite them again later.
      </p>
    </ConfirmDialog>
  );
}

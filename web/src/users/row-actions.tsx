// The buttons for one row: exactly the actions the server listed for it (CONTRACT §4), nothing derived here.
import { For } from "solid-js";
import type { User, UserAction } from "../api/types.ts";
import { accountName } from "./labels.ts";

const LABELS: Record<UserAction, string> = {
  setRole: "Change role",
  suspend: "Suspend",
  unsuspend: "Unsuspend",
  setMessageLimit: "Set limit",
  resendInvite: "Resend invite",
  revokeInvite: "Revoke invite",
  delete: "Delete",
};

// Display order: common and reversible first, destructive last.
const ORDER: UserAction[] = ["setRole", "suspend", "unsuspend", "setMessageLimit", "resendInvite", "revokeInvite", "delete"];

export function RowActions(props: { user: User; busy: boolean; onAction: (action: UserAction, user: User) => void }) {
  const actions = () => ORDER.filter((action) => props.user.actions.includes(action));
  return (
    <div class="row-actions">
      <For each={actions()} fallback={<span class="muted">—</span>}>
        {(action) => (
          <button
            type="button"
            class={action === "delete" || action === "revokeInvite" ? "small danger" : "small"}
            disabled={props.busy}
            aria-label={`${LABELS[action]}: ${accountName(props.user)}`}
            onClick={() => props.onAction(action, props.user)}
          >
            {LABELS[action]}
          </button>
        )}
      </For>
    </div>
  );
}

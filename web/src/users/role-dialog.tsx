// Change role: offers only the roles the operator may grant (me.get's can.invite).
import { createSignal, For, Show } from "solid-js";
import type { Role, User } from "../api/types.ts";
import { Dialog } from "../ui/dialog.tsx";
import { accountName, ROLE_LABELS } from "./labels.ts";

export interface RoleDialogProps {
  user: User;
  roles: Role[];
  error: string;
  busy: boolean;
  onSave: (role: Role) => void;
  onClose: () => void;
}

export function RoleDialog(props: RoleDialogProps) {
  const choices = () => props.roles.filter((role) => role !== props.user.role);
  // Nothing is chosen until the operator chooses: a stray Enter must never grant a role (least of all admin).
  const [role, setRole] = createSignal<Role | undefined>();
  return (
    <Dialog title={`Change role of ${accountName(props.user)}`} onClose={props.onClose}>
      <form
        class="stack"
        onSubmit={(event) => {
          event.preventDefault();
          const chosen = role();
          if (chosen) props.onSave(chosen);
        }}
      >
        <p>
          Currently <strong>{ROLE_LABELS[props.user.role]}</strong>. Changing the role signs them out everywhere.
        </p>
        <fieldset class="choices">
          <legend>New role</legend>
          <For each={choices()}>
            {(choice) => (
              <label class="choice">
                <input type="radio" name="role" value={choice} checked={role() === choice} onChange={() => setRole(choice)} />
                {ROLE_LABELS[choice]}
              </label>
            )}
          </For>
        </fieldset>
        <Show when={props.error}>
          <p class="form-error" role="alert">{props.error}</p>
        </Show>
        <div class="buttons">
          <button type="button" onClick={props.onClose}>Cancel</button>
          <button type="submit" class="primary" disabled={props.busy || !role()}>Change role</button>
        </div>
      </form>
    </Dialog>
  );
}

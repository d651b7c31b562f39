// Add User: invite by email with an optional name, welcome message and bio, as a role the operator may grant.
import { createSignal, For, Show } from "solid-js";
import { trpc } from "../api/client.ts";
import { describeFailure, fieldErrors, toFailure } from "../api/errors.ts";
import type { Role, User } from "../api/types.ts";
import { Dialog } from "../ui/dialog.tsx";
import { Field, focusFirstInvalid } from "../ui/field.tsx";
import { ROLE_LABELS } from "./labels.ts";

// No client-side limits: the server's zod issues are the one source of field errors (and
// importing the shared schemas would pull zod, 60 KB, into the panel).

export interface AddUserProps {
  /** Roles from me.get's can.invite, in the policy's order. */
  roles: Role[];
  onClose: () => void;
  onInvited: (user: User) => void;
}

const blankToUndefined = (value: string) => (value.trim() === "" ? undefined : value);

export function AddUserDialog(props: AddUserProps) {
  const [email, setEmail] = createSignal("");
  const [displayName, setDisplayName] = createSignal("");
  const [welcomeMessage, setWelcomeMessage] = createSignal("");
  const [bio, setBio] = createSignal("");
  // The least powerful grantable role is the safe default.
  const [role, setRole] = createSignal<Role>(props.roles[props.roles.length - 1] ?? "guest");
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [formError, setFormError] = createSignal("");
  const [sending, setSending] = createSignal(false);
  let form!: HTMLFormElement;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setSending(true);
    setFormError("");
    try {
      const { user } = await trpc.users.invite.mutate({
        email: email(),
        displayName: blankToUndefined(displayName()),
        welcomeMessage: blankToUndefined(welcomeMessage()),
        bio: blankToUndefined(bio()),
        role: role(),
      });
      props.onInvited(user);
    } catch (error) {
      const failure = toFailure(error);
      const fields = fieldErrors(failure);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFormError(describeFailure(failure));
      focusFirstInvalid(form);
    } finally {
      setSending(false);
    }
  };

  return (
    <Dialog title="Add user" onClose={props.onClose}>
      <form ref={form} class="stack" novalidate onSubmit={submit}>
        <p class="hint">They get an email with a link to join. Until they accept, they show as Pending.</p>
        <Field label="Email" name="email" type="email" value={email()} onInput={setEmail}
          error={errors().email} autofocus />
        <Field label="Display name (optional)" name="displayName" value={displayName()} onInput={setDisplayName}
          error={errors().displayName} />
        <div class="field">
          <label for="add-user-role">Role</label>
          <select id="add-user-role" name="role" value={role()} onChange={(e) => setRole(e.currentTarget.value as Role)}
            aria-invalid={errors().role ? "true" : undefined} aria-describedby={errors().role ? "add-user-role-error" : undefined}>
            <For each={props.roles}>{(r) => <option value={r}>{ROLE_LABELS[r]}</option>}</For>
          </select>
          <Show when={errors().role}>
            <span id="add-user-role-error" class="field-error">{errors().role}</span>
          </Show>
        </div>
        <Field label="Welcome message (optional)" name="welcomeMessage" multiline value={welcomeMessage()}
          onInput={setWelcomeMessage} error={errors().welcomeMessage}
          hint="Shown in the invitation email and on the invitation page." />
        <Field label="Bio (optional)" name="bio" multiline value={bio()} onInput={setBio}
          error={errors().bio} />
        <Show when={formError()}>
          <p class="form-error" role="alert">{formError()}</p>
        </Show>
        <div class="buttons">
          <button type="button" onClick={props.onClose}>Cancel</button>
          <button type="submit" class="primary" disabled={sending()}>
            {sending() ? "Sending…" : "Send invitation"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

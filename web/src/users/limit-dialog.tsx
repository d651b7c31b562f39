// Set or clear a user's daily message limit (messages per rolling 24 hours).
import { createSignal, Show } from "solid-js";
import type { User } from "../api/types.ts";
import { Dialog } from "../ui/dialog.tsx";
import { Field } from "../ui/field.tsx";
import { accountName } from "./labels.ts";

export interface LimitDialogProps {
  user: User;
  error: string;
  fieldError: string | undefined;
  busy: boolean;
  onSave: (limit: number | null) => void;
  onClose: () => void;
}

export function LimitDialog(props: LimitDialogProps) {
  const [value, setValue] = createSignal(props.user.dailyMessageLimit?.toString() ?? "");
  // Only emptiness is checked here (JSON would turn NaN into null, i.e. "unlimited"); the range and
  // whole-number rules come back as the server's zod issue.
  const [emptyError, setEmptyError] = createSignal<string>();
  return (
    <Dialog title={`Daily message limit for ${accountName(props.user)}`} onClose={props.onClose}>
      <form
        class="stack"
        novalidate
        onSubmit={(event) => {
          event.preventDefault();
          const limit = value().trim() === "" ? Number.NaN : Number(value());
          if (Number.isNaN(limit)) return setEmptyError("Enter a number, or choose Remove limit.");
          setEmptyError(undefined);
          props.onSave(limit);
        }}
      >
        <Field
          label="Messages per 24 hours"
          name="limit"
          type="number"
          inputMode="numeric"
          value={value()}
          onInput={setValue}
          error={emptyError() ?? props.fieldError}
          hint={`Used in the last 24 hours: ${props.user.messagesLast24h}. A whole number from 1 to 1,000,000.`}
          autofocus
        />
        <Show when={props.error}>
          <p class="form-error" role="alert">{props.error}</p>
        </Show>
        <div class="buttons">
          <button type="button" onClick={props.onClose}>Cancel</button>
          <Show when={props.user.dailyMessageLimit !== null}>
            <button type="button" disabled={props.busy} onClick={() => props.onSave(null)}>Remove limit</button>
          </Show>
          <button type="submit" class="primary" disabled={props.busy}>Save limit</button>
        </div>
      </form>
    </Dialog>
  );
}

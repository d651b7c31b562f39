// Set or clear a user's daily message limit (messages per rolling 24 hours).
import { createEffect, createSignal, on, Show } from "solid-js";
import type { User } from "../api/types.ts";
import { Dialog } from "../ui/dialog.tsx";
import { Field, focusFirstInvalid } from "../ui/field.tsx";
import { formatCount } from "../ui/format.ts";
import { accountName } from "./labels.ts";

export interface LimitDialogProps {
  user: User;
  error: string;
  fieldError: string | undefined;
  busy: boolean;
  onSave: (limit: number | null) => void;
  onClose: () => void;
}

/**
 * Digits, optionally grouped ("10,000" or "10 000"); anything else ("1e3", "12.5") is not a count of messages.
 * Only the shape is checked here (JSON would turn NaN into null, i.e. "unlimited"); the range comes back
 * as the server's zod issue.
 */
function parseLimit(text: string): number | null {
  // Not "." : "1.500" could mean 1.5 as well as 1,500.
  const digits = text.trim().replace(/[\s,_'](?=\d{3}(\D|$))/g, "");
  return /^\d+$/.test(digits) ? Number(digits) : null;
}

export function LimitDialog(props: LimitDialogProps) {
  const [value, setValue] = createSignal(props.user.dailyMessageLimit?.toString() ?? "");
  const [shapeError, setShapeError] = createSignal<string>();
  const hasLimit = () => props.user.dailyMessageLimit !== null;
  let form!: HTMLFormElement;
  // The server's verdict on the value (or ours) puts the focus back on the field, wherever the submit came from.
  createEffect(on([() => props.fieldError, shapeError], ([server, local]) => (server || local) && focusFirstInvalid(form), { defer: true }));
  return (
    <Dialog title={`Daily message limit for ${accountName(props.user)}`} onClose={props.onClose}>
      <form
        ref={form}
        class="stack"
        novalidate
        onSubmit={(event) => {
          event.preventDefault();
          setShapeError(undefined); // a repeated error is a new verdict: it moves the focus again
          const limit = parseLimit(value());
          if (limit === null) {
            const whole = "Enter a whole number of messages, like 200";
            return setShapeError(hasLimit() ? `${whole}, or choose Remove limit.` : `${whole}. Without a number, they stay unlimited.`);
          }
          props.onSave(limit);
        }}
      >
        <Field
          label="Messages per 24 hours"
          name="limit"
          type="text"
          inputMode="numeric"
          value={value()}
          onInput={setValue}
          error={shapeError() ?? props.fieldError}
          hint={`Used in the last 24 hours: ${formatCount(props.user.messagesLast24h)}. ${
            hasLimit() ? "" : "Now unlimited. "
          }A whole number from 1 to 1,000,000.`}
          autofocus
        />
        <Show when={props.error}>
          <p class="form-error" role="alert">{props.error}</p>
        </Show>
        <div class="buttons">
          <button type="button" onClick={props.onClose}>Cancel</button>
          <Show when={hasLimit()}>
            <button type="button" disabled={props.busy} onClick={() => props.onSave(null)}>Remove limit</button>
          </Show>
          <button type="submit" class="primary" disabled={props.busy}>Save limit</button>
        </div>
      </form>
    </Dialog>
  );
}

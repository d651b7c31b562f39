// A labelled text input or textarea whose error (from the server's zod issues) is tied to it for screen readers.
import { createUniqueId, Show } from "solid-js";

/** Puts the operator on the first field to fix, once the error has rendered. */
export const focusFirstInvalid = (form: HTMLElement) =>
  queueMicrotask(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());

export interface FieldProps {
  label: string;
  name: string;
  value: string;
  onInput: (value: string) => void;
  error?: string | undefined;
  hint?: string;
  type?: "text" | "email" | "number";
  multiline?: boolean;
  maxLength?: number;
  autofocus?: boolean;
  inputMode?: "numeric";
}

export function Field(props: FieldProps) {
  const id = createUniqueId();
  const describedBy = () => [props.hint && `${id}-hint`, props.error && `${id}-error`].filter(Boolean).join(" ");
  const common = () => ({
    id,
    name: props.name,
    value: props.value,
    maxLength: props.maxLength,
    "aria-invalid": props.error ? ("true" as const) : undefined,
    "aria-describedby": describedBy() || undefined,
    "data-autofocus": props.autofocus ? "" : undefined,
    onInput: (event: InputEvent & { currentTarget: HTMLInputElement | HTMLTextAreaElement }) =>
      props.onInput(event.currentTarget.value),
  });
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <Show when={props.hint}>
        <span id={`${id}-hint`} class="hint">
          {props.hint}
        </span>
      </Show>
      <Show
        when={props.multiline}
        fallback={<input {...common()} type={props.type ?? "text"} inputMode={props.inputMode} autocomplete="off" />}
      >
        <textarea {...common()} rows={3} />
      </Show>
      <Show when={props.error}>
        <span id={`${id}-error`} class="field-error">
          {props.error}
        </span>
      </Show>
    </div>
  );
}

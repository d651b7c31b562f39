// A confirmation for an action that can't be undone: Cancel has the focus, the action is the danger button.
import { Show, type JSX } from "solid-js";
import { Dialog } from "./dialog.tsx";

export interface ConfirmDialogProps {
  title: string;
  children: JSX.Element;
  confirmLabel: string;
  error: string;
  busy: boolean;
  onConfirm: () => void;
  onClose: () => void;
  /** A gentler action offered beside it (e.g. "Suspend instead"). */
  alternative?: { label: string; onClick: () => void };
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  return (
    <Dialog title={props.title} role="alertdialog" onClose={props.onClose}>
      <div class="stack">
        {props.children}
        <Show when={props.error}>
          <p class="form-error" role="alert">{props.error}</p>
        </Show>
        <div class="buttons">
          <button type="button" data-autofocus onClick={props.onClose}>Cancel</button>
          <Show when={props.alternative}>
            {(alternative) => (
              <button type="button" disabled={props.busy} onClick={() => alternative().onClick()}>{alternative().label}</button>
            )}
          </Show>
          <button type="button" class="danger" disabled={props.busy} onClick={props.onConfirm}>
            {props.confirmLabel}
          </button>
        </div>
      </div>
    </Dialog>
  );
}

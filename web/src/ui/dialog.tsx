// A modal dialog: native <dialog> for inertness, plus an explicit Tab trap, Escape and focus return.
import { createUniqueId, onCleanup, onMount, type JSX } from "solid-js";

const FOCUSABLE =
  'a[href],button:not([disabled]),input:not([disabled]),select:not([disabled]),textarea:not([disabled]),[tabindex]:not([tabindex="-1"])';

export interface DialogProps {
  title: string;
  onClose: () => void;
  children: JSX.Element;
  /** "alertdialog" for confirmations of destructive actions. */
  role?: "dialog" | "alertdialog";
}

export function Dialog(props: DialogProps) {
  const titleId = createUniqueId();
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  let dialog!: HTMLDialogElement;

  const focusables = () => [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);

  onMount(() => {
    dialog.showModal();
    const preferred = dialog.querySelector<HTMLElement>("[data-autofocus]") ?? focusables()[0];
    preferred?.focus();
  });
  // Return focus where the operator was; if that row is gone (deleted), to the page heading.
  onCleanup(() => {
    dialog.close(); // while still modal, the page behind is inert and can't take focus
    const target = opener?.isConnected ? opener : document.querySelector<HTMLElement>("h1");
    target?.focus();
  });

  // showModal already makes the page inert; the trap also keeps Tab from leaving for the browser chrome.
  const trapTab = (event: KeyboardEvent) => {
    if (event.key !== "Tab") return;
    const items = focusables();
    if (items.length === 0) return event.preventDefault();
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={dialog}
      class="dialog"
      role={props.role ?? "dialog"}
      aria-labelledby={titleId}
      onKeyDown={trapTab}
      onCancel={(event) => {
        event.preventDefault(); // Escape: let the owner unmount us, so state and DOM agree
        props.onClose();
      }}
    >
      <h2 id={titleId}>{props.title}</h2>
      {props.children}
    </dialog>
  );
}

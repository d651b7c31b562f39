// One page-level message (success or refusal), announced to screen readers.
import { createSignal, Show } from "solid-js";

interface Notice {
  kind: "success" | "error";
  text: string;
}

const [notice, setNotice] = createSignal<Notice | null>(null);

export const notify = (kind: Notice["kind"], text: string) => setNotice({ kind, text });
export const clearNotice = () => setNotice(null);

export function NoticeArea() {
  return (
    <Show when={notice()}>
      {(current) => (
        <div
          class={`notice notice-${current().kind}`}
          role={current().kind === "error" ? "alert" : "status"}
          data-testid="notice"
        >
          <p>{current().text}</p>
          <button type="button" class="link" onClick={clearNotice}>
            Dismiss
          </button>
        </div>
      )}
    </Show>
  );
}

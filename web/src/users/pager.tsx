// Cursor pagination: "showing a–b of total", with next/previous; the cursor itself lives in the URL.
import { Show } from "solid-js";
import { formatCount } from "../ui/format.ts";

export interface PagerProps {
  page: number;
  pageSize: number;
  shown: number;
  total: number;
  hasNext: boolean;
  /** false after a reload deep in the list: cursors only walk forward, so "previous" becomes "first page". */
  knowsPrevious: boolean;
  onNext: () => void;
  onPrevious: () => void;
}

export function Pager(props: PagerProps) {
  const from = () => (props.shown === 0 ? 0 : (props.page - 1) * props.pageSize + 1);
  const to = () => (props.page - 1) * props.pageSize + props.shown;
  return (
    <nav class="pager" aria-label="Pages">
      <p class="count" aria-live="polite">
        Showing {formatCount(from())}–{formatCount(to())} of {formatCount(props.total)}
      </p>
      <div class="pager-buttons">
        <Show when={props.page > 1}>
          <button type="button" onClick={props.onPrevious}>
            {props.knowsPrevious ? "Previous" : "First page"}
          </button>
        </Show>
        <Show when={props.hasNext}>
          <button type="button" onClick={props.onNext}>
            Next
          </button>
        </Show>
      </div>
    </nav>
  );
}

// The users table: sortable headers, one row per account; at narrow widths CSS turns rows into cards.
import { Index, Show } from "solid-js";
import type { SortColumn, SortOrder, User, UserAction } from "../api/types.ts";
import { formatAgo, formatCount, formatDate, formatFull } from "../ui/format.ts";
import { ROLE_LABELS, STATUS_LABELS } from "./labels.ts";
import { RowActions } from "./row-actions.tsx";

export interface TableProps {
  users: User[];
  /** Rows invited from this view that are not part of it: shown on top, marked. */
  pinned: string[];
  sort: SortColumn;
  order: SortOrder;
  busyId: string | null;
  /** The operator's own id, to mark their row. */
  meId: string;
  onSort: (sort: SortColumn, order: SortOrder) => void;
  onAction: (action: UserAction, user: User) => void;
}

// Text columns start A→Z; time columns start newest first.
const FIRST_ORDER: Record<SortColumn, SortOrder> = {
  email: "asc",
  role: "asc",
  status: "asc",
  createdAt: "desc",
  lastActiveAt: "desc",
};

function SortHeader(props: { column: SortColumn; label: string; table: TableProps }) {
  const active = () => props.table.sort === props.column;
  const next = (): SortOrder => (active() ? (props.table.order === "asc" ? "desc" : "asc") : FIRST_ORDER[props.column]);
  return (
    <th scope="col" aria-sort={active() ? (props.table.order === "asc" ? "ascending" : "descending") : "none"}>
      <button type="button" class="sort" onClick={() => props.table.onSort(props.column, next())}>
        {props.label}
        <span aria-hidden="true" class="sort-mark">
          {active() ? (props.table.order === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </button>
    </th>
  );
}

/** An email as text, allowed to wrap before its "@" rather than anywhere in the middle. */
function Breakable(props: { text: string }) {
  const at = () => props.text.lastIndexOf("@");
  return (
    <Show when={at() > 0} fallback={props.text}>
      {props.text.slice(0, at())}
      <wbr />
      {props.text.slice(at())}
    </Show>
  );
}

function Usage(props: { user: User }) {
  const limit = () => props.user.dailyMessageLimit;
  const full = () => limit() !== null && props.user.messagesLast24h >= limit()!;
  return (
    <span class={full() ? "usage full" : "usage"}>
      {formatCount(props.user.messagesLast24h)} / {limit() === null ? "no limit" : formatCount(limit()!)}
    </span>
  );
}

function StatusCell(props: { user: User }) {
  const invitation = () => props.user.invitation;
  return (
    <div>
      <span class={`badge badge-${props.user.status}`}>{STATUS_LABELS[props.user.status]}</span>
      <Show when={invitation()}>
        {(inv) => (
          <span class={inv().deliveryError ? "hint error-text" : "hint"}>
            {inv().deliveryError
              ? `Invitation not delivered: ${inv().deliveryError}`
              : `Invitation ${Date.parse(inv().expiresAt) < Date.now() ? "expired" : "expires"} ${formatAgo(inv().expiresAt)}`}
          </span>
        )}
      </Show>
    </div>
  );
}

export function UsersTable(props: TableProps) {
  return (
    <table class="users">
      <thead>
        <tr>
          <SortHeader column="email" label="Email or username" table={props} />
          <th scope="col">Display name</th>
          <SortHeader column="role" label="Role" table={props} />
          <SortHeader column="status" label="Status" table={props} />
          <SortHeader column="createdAt" label="Added" table={props} />
          <SortHeader column="lastActiveAt" label="Last active" table={props} />
          <th scope="col">Messages (24&nbsp;h)</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {/* Index keeps each row's elements while its data is replaced (a refresh), so keyboard focus stays put. */}
        <Index each={props.users}>
          {(user) => (
            <tr data-user-id={user().id} data-email={user().email}>
              <td data-label="Account" class="account">
                <div>
                  <span class="email"><Breakable text={user().email || user().username || ""} /></span>
                  <Show when={user().id === props.meId}>
                    <span class="you">(you)</span>
                  </Show>
                  <Show when={user().email && user().username}>
                    <span class="hint">@{user().username}</span>
                  </Show>
                  <Show when={props.pinned.includes(user().id)}>
                    <span class="hint">Just invited: shown here until the list is reloaded</span>
                  </Show>
                </div>
              </td>
              <td data-label="Display name" class="display-name">
                <div>
                  <span class="name">{user().displayName ?? ""}</span>
                  <Show when={user().bio}>{(bio) => <span class="hint bio" title={bio()}>{bio()}</span>}</Show>
                </div>
              </td>
              <td data-label="Role">{ROLE_LABELS[user().role]}</td>
              <td data-label="Status" class="status">
                <StatusCell user={user()} />
              </td>
              <td data-label="Added">
                <time datetime={user().createdAt} title={formatFull(user().createdAt)}>
                  {formatDate(user().createdAt)}
                </time>
              </td>
              <td data-label="Last active">
                <Show when={user().lastActiveAt} fallback={<span class="muted">Never</span>}>
                  {(at) => (
                    <time datetime={at()} title={formatFull(at())}>
                      {formatAgo(at())}
                    </time>
                  )}
                </Show>
              </td>
              <td data-label="Messages (24 h)">
                <Usage user={user()} />
              </td>
              <td data-label="Actions">
                <RowActions user={user()} busy={props.busyId === user().id} onAction={props.onAction} />
              </td>
            </tr>
          )}
        </Index>
      </tbody>
    </table>
  );
}

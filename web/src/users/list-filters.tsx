// Search (debounced, server-side) and the role and status filters above the table.
import { createEffect, createSignal, For, on, onCleanup, untrack } from "solid-js";
import { LIMITS } from "../../../src/core/limits.ts";
import { ROLES, STATUSES } from "../../../src/core/policy.ts";
import type { Role, Status } from "../api/types.ts";
import { ROLE_LABELS, STATUS_LABELS } from "./labels.ts";
import type { ListView } from "./list-view.ts";

const SEARCH_DELAY_MS = 300;

export interface FiltersProps {
  view: ListView;
  onChange: (patch: { search?: string; role?: Role | undefined; status?: Status | undefined }) => void;
}

export function ListFilters(props: FiltersProps) {
  const [typed, setTyped] = createSignal(props.view.search);
  // Back/forward or a shared link changes the URL: the box follows it, but never rewrites what is
  // being typed (the URL holds the trimmed term, the box may hold a trailing space mid-phrase).
  createEffect(
    on(
      () => props.view.search,
      (search) => {
        if (search !== untrack(typed).trim()) setTyped(search);
      },
    ),
  );

  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  const onInput = (value: string) => {
    setTyped(value);
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (value.trim() !== props.view.search) props.onChange({ search: value.trim() });
    }, SEARCH_DELAY_MS);
  };

  return (
    <form class="filters" role="search" onSubmit={(event) => event.preventDefault()}>
      <div class="field grow">
        <label for="filter-search">Search</label>
        <input
          id="filter-search"
          type="search"
          name="q"
          placeholder="Email, username or name"
          autocomplete="off"
          maxLength={LIMITS.search}
          value={typed()}
          onInput={(event) => onInput(event.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="filter-role">Role</label>
        <select
          id="filter-role"
          name="role"
          value={props.view.role ?? ""}
          onChange={(event) => props.onChange({ role: (event.currentTarget.value || undefined) as Role | undefined })}
        >
          <option value="">All roles</option>
          <For each={ROLES}>{(role) => <option value={role}>{ROLE_LABELS[role]}</option>}</For>
        </select>
      </div>
      <div class="field">
        <label for="filter-status">Status</label>
        <select
          id="filter-status"
          name="status"
          value={props.view.status ?? ""}
          onChange={(event) =>
            props.onChange({ status: (event.currentTarget.value || undefined) as Status | undefined })
          }
        >
          <option value="">All statuses</option>
          <For each={STATUSES}>{(status) => <option value={status}>{STATUS_LABELS[status]}</option>}</For>
        </select>
      </div>
    </form>
  );
}

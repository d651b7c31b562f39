// The Users page's view (search, filters, sort, page) lives in the URL so reload and shared links agree.
import { useSearchParams } from "@solidjs/router";
import { createMemo } from "solid-js";
import { LIMITS } from "../../../src/core/limits.ts";
import { ROLES, STATUSES } from "../../../src/core/policy.ts";
import type { ListInput, Role, SortColumn, SortOrder, Status } from "../api/types.ts";

export const PAGE_SIZE = 25;
const SORTS: readonly SortColumn[] = ["createdAt", "email", "role", "status", "lastActiveAt"];

export interface ListView {
  search: string;
  role: Role | undefined;
  status: Status | undefined;
  sort: SortColumn;
  order: SortOrder;
  cursor: string | undefined;
  /** 1-based page number, only for "showing 26–50 of N": the cursor is what selects the rows. */
  page: number;
}

const pick = <T extends string>(allowed: readonly T[], value: unknown): T | undefined =>
  allowed.includes(value as T) ? (value as T) : undefined;
const text = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

export function useListView() {
  const [params, setParams] = useSearchParams();
  const view = createMemo<ListView>(() => {
    const page = Number(text(params.page));
    return {
      // A hand-edited link can hold any length; the server takes LIMITS.search characters.
      search: (text(params.q) ?? "").slice(0, LIMITS.search),
      role: pick(ROLES, text(params.role)),
      status: pick(STATUSES, text(params.status)),
      sort: pick(SORTS, text(params.sort)) ?? "createdAt",
      order: text(params.order) === "asc" ? "asc" : "desc",
      cursor: text(params.cursor) || undefined,
      page: Number.isInteger(page) && page > 1 ? page : 1,
    };
  });

  /** Any change but paging starts again from the first page; typing replaces history instead of piling it up. */
  const update = (patch: Partial<Pick<ListView, "search" | "role" | "status" | "sort" | "order">>) => {
    const next: Record<string, string | undefined> = { cursor: undefined, page: undefined };
    if ("search" in patch) next.q = patch.search || undefined;
    if ("role" in patch) next.role = patch.role;
    if ("status" in patch) next.status = patch.status;
    if ("sort" in patch) next.sort = patch.sort;
    if ("order" in patch) next.order = patch.order;
    setParams(next, { replace: "search" in patch });
  };

  const goToPage = (cursor: string | undefined, page: number) =>
    setParams({ cursor, page: page > 1 ? page : undefined });

  return { view, update, goToPage };
}

export function toListInput(view: ListView): ListInput {
  return {
    search: view.search || undefined,
    role: view.role,
    status: view.status,
    sort: view.sort,
    order: view.order,
    cursor: view.cursor,
    limit: PAGE_SIZE,
  };
}

// The Users page (/admin/users): filters, the table, paging, Add User and the row-action dialogs.
import { createResource, createSignal, Match, Show, Switch } from "solid-js";
import { trpc } from "../api/client.ts";
import { describeFailure, toFailure } from "../api/errors.ts";
import type { Me, User, UserPage } from "../api/types.ts";
import { NoticeArea, notify } from "../ui/notice.tsx";
import { formatCount } from "../ui/format.ts";
import { AddUserDialog } from "./add-user-dialog.tsx";
import { DeleteDialog } from "./delete-dialog.tsx";
import { accountName } from "./labels.ts";
import { LimitDialog } from "./limit-dialog.tsx";
import { ListFilters } from "./list-filters.tsx";
import { PAGE_SIZE, toListInput, useListView } from "./list-view.ts";
import { Pager } from "./pager.tsx";
import { RevokeDialog } from "./revoke-dialog.tsx";
import { RoleDialog } from "./role-dialog.tsx";
import { createUserActions } from "./user-actions.ts";
import { UsersTable } from "./users-table.tsx";

/** `pinned`: rows invited from this view and shown on top of it until the next load; they are not part of the page's range. */
type Loaded = UserPage & { page: number; cursor: string | undefined; pinned: string[] };

export function UsersPage(props: { me: Me }) {
  const { view, update, goToPage } = useListView();
  // Each result remembers its page number, so "showing 26–50" never mixes the new number with old rows.
  const [list, { mutate, refetch }] = createResource(view, async (v): Promise<Loaded> => ({
    ...(await trpc.users.list.query(toListInput(v))),
    page: v.page,
    cursor: v.cursor,
    pinned: [],
  }));
  const page = (): Loaded | undefined => (list.state === "errored" ? undefined : list.latest);
  const edit = (change: (p: Loaded) => Loaded) => mutate((p) => (p ? change(p) : p));

  // Cursors only walk forward; remember the ones seen so "Previous" can step back.
  const cursors = new Map<number, string | undefined>([[1, undefined]]);
  const forgetCursors = () => (cursors.clear(), cursors.set(1, undefined));
  const [adding, setAdding] = createSignal(false);
  const filtered = () => Boolean(view().search || view().role || view().status);

  const actions = createUserActions({
    replace: (user) => edit((p) => ({ ...p, items: p.items.map((u) => (u.id === user.id ? user : u)) })),
    remove: (id) => edit((p) => ({ ...p, items: p.items.filter((u) => u.id !== id), total: p.total - 1 })),
    refresh: () => void refetch(),
  });

  const onInvited = async (user: User) => {
    setAdding(false);
    const failed = user.invitation?.deliveryError;
    if (failed) notify("error", `Invited ${accountName(user)}, but the email was not sent: ${failed}`);
    else notify("success", `Invitation sent to ${accountName(user)}.`);
    // Shown at once; then the view is re-read, and only if the new row is not part of it (another sort,
    // filter or page) does it stay pinned on top, outside the page's range.
    edit((p) => withUser(p, user));
    const fresh = await refetch();
    if (fresh && !fresh.items.some((u) => u.id === user.id)) {
      edit((p) => ({ ...withUser(p, user), total: p.total, pinned: [...p.pinned, user.id] }));
    }
  };

  return (
    <section class="users-page" aria-busy={list.loading ? "true" : "false"}>
      <header class="page-head">
        <div>
          <nav aria-label="Breadcrumb" class="breadcrumb">
            <ol><li>Settings</li><li>Admin</li><li aria-current="page">Users</li></ol>
          </nav>
          <h1 tabindex="-1">Users</h1>
          <Show when={page()}>{(p) => <p class="muted">{totalLabel(p().total, filtered())}</p>}</Show>
        </div>
        <Show when={props.me.can.invite.length > 0}>
          <button type="button" class="primary" onClick={() => setAdding(true)}>Add user</button>
        </Show>
      </header>
      <ListFilters view={view()} onChange={(patch) => (forgetCursors(), update(patch))} />
      <NoticeArea />
      <Switch>
        <Match when={list.state === "errored"}>
          <div class="state error-state" role="alert">
            <p>Couldn't load users. {describeFailure(toFailure(list.error))}</p>
            <div class="buttons">
              <button type="button" onClick={() => void refetch()}>Try again</button>
              {/* A stale or hand-edited cursor in a shared link fails every retry; the first page never does. */}
              <Show when={view().cursor}>
                <button type="button" onClick={() => goToPage(undefined, 1)}>Go to the first page</button>
              </Show>
            </div>
          </div>
        </Match>
        <Match when={!page()}>
          <p class="state" role="status">Loading users…</p>
        </Match>
        <Match when={page()!.items.length === 0}>
          <div class="state" role="status">
            <p>No users match this view.</p>
            <Show when={filtered()}>
              <button type="button" onClick={() => update({ search: "", role: undefined, status: undefined })}>
                Clear search and filters
              </button>
            </Show>
          </div>
        </Match>
        <Match when={page()}>
          {(p) => (
            <>
              <div class={list.loading ? "table-wrap loading" : "table-wrap"}>
                <UsersTable users={p().items} pinned={p().pinned} sort={view().sort} order={view().order} busyId={actions.busyId()} meId={props.me.id}
                  onSort={(sort, order) => (forgetCursors(), update({ sort, order }))} onAction={actions.start} />
              </div>
              <Pager page={p().page} pageSize={PAGE_SIZE} shown={p().items.filter((u) => !p().pinned.includes(u.id)).length} total={p().total}
                hasNext={p().nextCursor !== null} knowsPrevious={cursors.has(p().page - 1)}
                onNext={() => {
                  cursors.set(p().page, p().cursor);
                  goToPage(p().nextCursor ?? undefined, p().page + 1);
                }}
                onPrevious={() => {
                  const previous = p().page - 1;
                  if (cursors.has(previous)) goToPage(cursors.get(previous), previous);
                  else goToPage(undefined, 1);
                }} />
            </>
          )}
        </Match>
      </Switch>

      <Show when={adding()}>
        <AddUserDialog roles={props.me.can.invite} onClose={() => setAdding(false)} onInvited={onInvited} />
      </Show>
      <Show when={actions.dialog()} keyed>
        {(open) => (
          <Switch>
            <Match when={open.kind === "role"}>
              <RoleDialog user={open.user} roles={props.me.can.invite} error={actions.dialogError()}
                busy={actions.busyId() !== null} onSave={(role) => actions.setRole(open.user, role)} onClose={actions.close} />
            </Match>
            <Match when={open.kind === "limit"}>
              <LimitDialog user={open.user} error={actions.dialogError()} fieldError={actions.fieldError()}
                busy={actions.busyId() !== null} onSave={(limit) => actions.setLimit(open.user, limit)} onClose={actions.close} />
            </Match>
            <Match when={open.kind === "revoke"}>
              <RevokeDialog user={open.user} error={actions.dialogError()} busy={actions.busyId() !== null}
                onRevoke={() => actions.revoke(open.user)} onClose={actions.close} />
            </Match>
            <Match when={open.kind === "delete"}>
              <DeleteDialog user={open.user} error={actions.dialogError()} busy={actions.busyId() !== null}
                onDelete={() => actions.remove(open.user)} onSuspend={() => actions.suspend(open.user)} onClose={actions.close} />
            </Match>
          </Switch>
        )}
      </Show>
    </section>
  );
}

/** "36 users" for the whole instance, "3 matching" once a search or filter narrows it. */
function totalLabel(total: number, filtered: boolean): string {
  if (filtered) return `${formatCount(total)} matching`;
  return `${formatCount(total)} ${total === 1 ? "user" : "users"}`;
}

/** The user on top of the loaded page, counted in its total (or, if already there, its row refreshed). */
function withUser(p: Loaded, user: User): Loaded {
  if (p.items.some((u) => u.id === user.id)) return { ...p, items: p.items.map((u) => (u.id === user.id ? user : u)) };
  return { ...p, items: [user, ...p.items], total: p.total + 1 };
}

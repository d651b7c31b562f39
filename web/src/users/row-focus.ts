// Where keyboard focus goes after a row action, so keyboard users keep their place in the table.
const firstButtonOf = (userId: string) =>
  document.querySelector<HTMLElement>(`tr[data-user-id="${CSS.escape(userId)}"] .row-actions button:not([disabled])`);

/** The row below (or else above) this one: where focus goes if this row disappears. */
export function neighbourOf(userId: string): string | null {
  const row = document.querySelector(`tr[data-user-id="${CSS.escape(userId)}"]`);
  const next = (row?.nextElementSibling ?? row?.previousElementSibling) as HTMLElement | null | undefined;
  return next?.dataset.userId ?? null;
}

/** Focuses the first action of the first of these rows still on the page; else the page heading. */
export function focusRowActions(...userIds: (string | null)[]): void {
  for (const id of userIds) {
    const button = id ? firstButtonOf(id) : null;
    if (button) return button.focus();
  }
  document.querySelector<HTMLElement>("h1")?.focus();
}

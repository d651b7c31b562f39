// users.list: search, filters, totals, sorting, and keyset pages that never repeat or skip a row.
import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Deps } from "../../src/core/deps.ts";
import { callerFor } from "../support/caller.ts";
import { testDeps } from "../support/deps.ts";
import { seedUser } from "../support/users.ts";

let deps: Deps;
let admin: Awaited<ReturnType<typeof callerFor>>;

beforeEach(async () => {
  ({ deps } = await testDeps());
  admin = await callerFor(deps, (await seedUser(deps, { role: "admin", email: "root@example.com" })).id);
});

async function walk(input: Parameters<typeof admin.users.list>[0], between?: (page: number) => Promise<void>) {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 1000; page++) {
    const result = await admin.users.list({ ...input, cursor });
    ids.push(...result.items.map((u) => u.id));
    await between?.(page);
    if (!result.nextCursor) return ids;
    cursor = result.nextCursor;
  }
  throw new Error("did not end");
}

describe("users.list", () => {
  it("walks every page exactly once when many users share one createdAt, in both orders", async () => {
    const seeded = [];
    for (let i = 0; i < 57; i++) seeded.push((await seedUser(deps, { createdAt: 1_000 })).id);
    for (const order of ["asc", "desc"] as const) {
      const ids = await walk({ limit: 10, order });
      expect(ids).toHaveLength(58);
      expect(new Set(ids).size).toBe(58);
      expect(ids).toEqual(expect.arrayContaining(seeded));
    }
  });

  it.each(["createdAt", "email", "role", "status", "lastActiveAt"] as const)("pages by %s without repeats while users are added mid-walk", async (sort) => {
    const before = [];
    for (let i = 0; i < 40; i++) before.push((await seedUser(deps, { createdAt: 1_000 + (i % 3), role: i % 2 ? "guest" : "default" })).id);
    const ids = await walk({ sort, order: "asc", limit: 7 }, async () => {
      await seedUser(deps, { createdAt: 500 });
      await seedUser(deps, { createdAt: 5_000 });
    });
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(before));
  });

  it("searches any part of email, username or display name, case-insensitively, with totals that honour filters", async () => {
    await seedUser(deps, { email: "alice@example.com", role: "guest" });
    await seedUser(deps, { email: "bob@example.com", displayName: "Malice Cooper", role: "default" });
    await seedUser(deps, { email: "carol@example.org", status: "suspended" });
    expect((await admin.users.list({ search: "LIC" })).total).toBe(2);
    expect((await admin.users.list({ search: "lic", role: "guest" })).items.map((u) => u.email)).toEqual(["alice@example.com"]);
    expect((await admin.users.list({ search: "al" })).total).toBe(2); // short terms scan instead of the trigram index
    expect((await admin.users.list({ search: "%" })).total).toBe(0); // LIKE wildcards are literal
    expect((await admin.users.list({ search: '"' })).total).toBe(0);
    expect((await admin.users.list({ search: 'a"b OR *' })).total).toBe(0); // FTS syntax is literal too
    expect((await admin.users.list({ status: "suspended" })).total).toBe(1);
    const page = await admin.users.list({ search: "example.com", limit: 1 });
    expect(page.total).toBe(3);
    expect(page.items).toHaveLength(1);
    expect(page.nextCursor).not.toBeNull();
  });

  it("folds the case of any letter, not only ASCII, for short terms as for long ones", async () => {
    const ids = [
      (await seedUser(deps, { email: "jurgen@example.com", displayName: "Jürgen Ölsen" })).id,
      (await seedUser(deps, { email: "emma@example.com", username: "ÉMMA" })).id,
    ];
    const found = async (search: string) => (await admin.users.list({ search })).items.map((u) => u.id);
    for (const term of ["ü", "Ü", "öl", "ÖL", "Öl", "oL"]) expect(await found(term), term).toEqual(term.toLowerCase() === "ol" ? [] : [ids[0]]);
    for (const term of ["é", "É", "Ém", "éM"]) expect(await found(term), term).toEqual([ids[1]]);
    expect(await found("ÜRG")).toEqual([ids[0]]); // the trigram index folds case itself
    const bjorn = (await seedUser(deps, { email: "bjørn@exämple.com" })).id; // emails are stored lowercased
    for (const term of ["ø", "Ø", "ØR", "xÄ"]) expect(await found(term), term).toEqual([bjorn]);
  });

  it("pages the same way when a search matches over a thousand users (the index-walk plan)", async () => {
    const rows = Array.from({ length: 1_200 }, (_, i) =>
      sql`(${crypto.randomUUID()}, ${`crowd${i}@example.com`}, ${i % 2 ? "guest" : "default"}, 'active', ${1_000 + (i % 7)})`,
    );
    await deps.db.run(sql`INSERT INTO users (id, email, role, status, created_at) VALUES ${sql.join(rows, sql`, `)}`);
    for (const sort of ["createdAt", "email"] as const) {
      const ids = await walk({ search: "CROWD", sort, limit: 100 });
      expect(ids).toHaveLength(1_200);
      expect(new Set(ids).size).toBe(1_200);
    }
    expect((await admin.users.list({ search: "crowd", role: "guest" })).total).toBe(600);
    const page = await admin.users.list({ search: "crowd", sort: "email", order: "asc", limit: 3 });
    expect(page.items.map((u) => u.email)).toEqual(["crowd0@example.com", "crowd1000@example.com", "crowd1001@example.com"]);
  });

  it("refuses a cursor from another sort as bad input", async () => {
    await seedUser(deps);
    await seedUser(deps);
    const { nextCursor } = await admin.users.list({ limit: 1 });
    await expect(admin.users.list({ sort: "email", cursor: nextCursor! })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(admin.users.list({ cursor: "garbage" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(admin.audit.list({ cursor: "abc" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("users.list query plans", () => {
  it.each(["createdAt", "email", "role", "status", "lastActiveAt"] as const)("pages by %s through an index, never a temporary sort", async (sort) => {
    const { SORT_KEYS } = await import("../../src/core/users/sort-keys.ts");
    const { users } = await import("../../db/schema.ts");
    const key = SORT_KEYS[sort];
    const query = deps.db.select({ id: users.id }).from(users).orderBy(sql`${key} DESC`, sql`${users.id} DESC`).limit(26).toSQL();
    const plan = await deps.db.all<{ detail: string }>(sql.raw(`EXPLAIN QUERY PLAN ${query.sql}`));
    expect(plan.map((p) => p.detail).join("\n")).not.toContain("TEMP B-TREE");
  });

  it("sorts roles by rank, highest first when descending", async () => {
    for (const role of ["guest", "admin", "default", "manager"] as const) await seedUser(deps, { role });
    const page = await admin.users.list({ sort: "role", order: "desc", limit: 100 });
    const ranks = { admin: 3, manager: 2, default: 1, guest: 0 };
    const seen = page.items.map((u) => ranks[u.role]);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect(page.items.at(-1)!.role).toBe("guest");
  });
});

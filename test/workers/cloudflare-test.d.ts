// The part of `cloudflare:test` this suite uses, typed without pulling Workers globals into the Node/DOM program.
declare module "cloudflare:test" {
  interface D1Migration {
    name: string;
    queries: string[];
  }
  interface D1Database {
    prepare(query: string): unknown;
    batch(statements: unknown[]): Promise<unknown[]>;
  }
  export const env: { DB: D1Database; TEST_MIGRATIONS: D1Migration[]; DATABASE_URL?: string };
  export const SELF: { fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> };
  export function applyD1Migrations(db: D1Database, migrations: D1Migration[], migrationsTableName?: string): Promise<void>;
}

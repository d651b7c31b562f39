// Each test file gets its own D1 storage; this applies the same SQL migrations `wrangler d1 migrations apply` does.
import { applyD1Migrations, env } from "cloudflare:test";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);

// The Worker as Cloudflare would receive it: bundled by wrangler, small, and free of Node built-ins.
import { describe, expect, it } from "vitest";
import { buildWorkerBundle, nodeBuiltinImports } from "../bench/sizes.ts";

const LIMIT_KB = 400; // Cloudflare's free plan allows 3 MB gzipped; we aim far lower.

describe("the Worker bundle", () => {
  it(`builds with wrangler, stays under ${LIMIT_KB} KB gzipped and imports no Node built-ins`, async () => {
    const bundle = await buildWorkerBundle();
    console.log(`Worker bundle: ${(bundle.bytes / 1024).toFixed(0)} KB, ${bundle.gzipKB} KB gzipped (limit ${LIMIT_KB} KB)`);
    expect(bundle.nodeImports).toEqual([]);
    expect(bundle.gzipKB).toBeLessThanOrEqual(LIMIT_KB);
  });

  it("would notice a Node built-in in the bundle", () => {
    const code = `import fs from "node:fs";import { join } from "path";const x = require("crypto");import("node:os");import { a } from "hono";`;
    expect(nodeBuiltinImports(code)).toEqual(["crypto", "node:fs", "node:os", "path"]);
  });
});

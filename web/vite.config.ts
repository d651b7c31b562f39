// Builds the admin panel into web/dist; in dev, proxies the server's routes to the Node app on :8787.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import solid from "vite-plugin-solid";

const server = process.env.GATEHOUSE_SERVER ?? "http://localhost:8787";
const proxied = ["/trpc", "/auth", "/api", "/invite", "/healthz"];

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [solid()],
  build: { outDir: "dist", emptyOutDir: true, target: "es2022", sourcemap: false },
  server: {
    port: 5173,
    // changeOrigin stays false: the server's same-origin check must see the browser's own Origin.
    proxy: Object.fromEntries(proxied.map((path) => [path, { target: server }])),
  },
});

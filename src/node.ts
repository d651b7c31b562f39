// Node entry: `npm start`. Serves Gatehouse on PORT over the embedded libSQL file.
import { ConfigError } from "./core/config.ts";
import { DatabaseUnavailableError } from "./node/database.ts";
import { PortInUseError, startServer } from "./node/server.ts";

try {
  const server = await startServer(process.env);
  console.log(`Gatehouse is listening on ${server.url} (admin panel: ${server.url}/admin/users)`);
  const shutdown = () => void server.stop().then(() => process.exit(0));
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
} catch (error) {
  const known = error instanceof ConfigError || error instanceof DatabaseUnavailableError || error instanceof PortInUseError;
  console.error(known ? error.message : `Gatehouse could not start: ${(error as Error).message}`);
  process.exit(1);
}

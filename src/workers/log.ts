// Workers: the console as the app's log (wrangler dev prints it; `wrangler tail` and Workers Logs keep it).
import type { Log } from "../core/deps.ts";

export const workerLog: Log = {
  info: (message) => console.log(message),
  error: (message, error) => console.error(message, error instanceof Error ? `${error.name}: ${error.message}` : (error ?? "")),
};

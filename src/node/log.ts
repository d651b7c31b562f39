// Node-only: the console as the app's log.
import type { Log } from "../core/deps.ts";

export const consoleLog: Log = {
  info: (message) => console.log(message),
  error: (message, error) => console.error(message, error instanceof Error ? error.message : (error ?? "")),
};

import "server-only";
// The secret that signs session cookies: BETTER_AUTH_SECRET when the operator sets one (needed
// when several instances share a PostgreSQL database), otherwise one generated on first start
// and kept in the data folder (mode 0600), so a restart keeps everyone signed in.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir, env } from "../env";

export const SECRET_FILE = "auth-secret";

export function authSecret(): string {
  const fromEnv = env().BETTER_AUTH_SECRET;
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir(), SECRET_FILE);
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  fs.mkdirSync(dataDir(), { recursive: true });
  try {
    // "wx": two processes starting at once both read the first one's secret.
    fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return fs.readFileSync(file, "utf8").trim();
}

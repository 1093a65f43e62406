// The migration that gave API tokens an expiry (drizzle/0008_api_token_expiry.sql), run on a
// database as it was before it: tokens made earlier get 90 days from the upgrade — time to
// replace them, not a sudden 401 for every script — and the column is required from then on.
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { afterAll, describe, expect, it } from "vitest";

const DIR = path.join(process.cwd(), "drizzle");
const migrations = fs
  .readdirSync(DIR)
  .filter((file) => /^\d{4}_.*\.sql$/.test(file))
  .sort();
const run = (db: PGlite, file: string) =>
  db.exec(fs.readFileSync(path.join(DIR, file), "utf8").split("--> statement-breakpoint").join("\n"));

describe("the API token expiry migration", () => {
  const db = new PGlite({ extensions: { pg_trgm } });
  afterAll(() => db.close());

  it("gives existing tokens 90 days from the upgrade", async () => {
    const index = migrations.indexOf("0008_api_token_expiry.sql");
    expect(index).toBeGreaterThan(0);
    await db.exec("CREATE EXTENSION IF NOT EXISTS pg_trgm"); // as the app does before migrating (lib/db/client)
    for (const file of migrations.slice(0, index)) await run(db, file);
    await db.exec(`INSERT INTO auth_users (id, name, email) VALUES ('u1', 'Old', 'old@example.org');
      INSERT INTO api_tokens (user_id, name, token_hash, hint, created_at) VALUES ('u1', 'old script', 'h1', 'ripe_abcd', now() - interval '400 days')`);
    await run(db, migrations[index]);
    const { rows } = await db.query<{ days: number }>(
      "SELECT round(extract(epoch FROM expires_at - now()) / 86400)::int AS days FROM api_tokens",
    );
    expect(rows).toEqual([{ days: 90 }]);
    await expect(db.query("UPDATE api_tokens SET expires_at = NULL")).rejects.toThrow(/null/i);
  });
});

// Account administration (issue 10 §1–§2): personal API tokens (only a sha256 of the secret is
// kept), invites by link (likewise hashed), and the admin log every account and role change
// writes. Re-exported by schema.ts so drizzle-kit puts them in the shared migrations.
import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import type { DatasetRole } from "../auth/roles";
import { TOKEN_DAYS_DEFAULT } from "../auth/token-expiry";
import { authUsers } from "./auth-schema";
import { datasets } from "./schema";

const at = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: serial("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => authUsers.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** Hex sha256 of the whole token text; the secret itself is shown once and never stored. */
    tokenHash: text("token_hash").notNull().unique(),
    /** The first characters, so a list can tell tokens apart without holding the secret. */
    hint: text("hint").notNull(),
    isReadOnly: boolean("read_only").notNull().default(false),
    createdAt: at("created_at").notNull().defaultNow(),
    lastUsedAt: at("last_used_at"),
    revokedAt: at("revoked_at"),
    /**
     * After this the token is refused (401). Set from the lifetime chosen at creation; the default
     * is for the rows that were there before tokens expired: the migration gives each 90 days from
     * the upgrade, time to replace them rather than a sudden stop.
     */
    expiresAt: at("expires_at")
      .notNull()
      .default(sql.raw(`now() + interval '${TOKEN_DAYS_DEFAULT} days'`)),
  },
  (table) => [index("api_tokens_user").on(table.userId)],
);

export const invites = pgTable("invites", {
  id: serial("id").primaryKey(),
  tokenHash: text("token_hash").notNull().unique(),
  email: text("email").notNull(),
  datasetId: integer("dataset_id")
    .notNull()
    .references(() => datasets.id, { onDelete: "cascade" }),
  role: text("role").$type<DatasetRole>().notNull(),
  createdBy: text("created_by").references(() => authUsers.id, { onDelete: "set null" }),
  createdAt: at("created_at").notNull().defaultNow(),
  expiresAt: at("expires_at").notNull(),
  usedAt: at("used_at"),
});

export const adminLog = pgTable(
  "admin_log",
  {
    id: serial("id").primaryKey(),
    /** Who acted: an account's email, or "cli" for the operator's command line. */
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    target: text("target").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (table) => [index("admin_log_created").on(table.createdAt)],
);

export type ApiToken = typeof apiTokens.$inferSelect;
export type Invite = typeof invites.$inferSelect;

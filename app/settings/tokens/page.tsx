import type { Metadata } from "next";
import { connection } from "next/server";
import { TokenList } from "@/components/settings/token-list";
import { pageAccount } from "@/lib/auth/page-access";
import { listApiTokens } from "@/lib/db/queries/api-tokens";
import { getDb } from "@/lib/db/server";

export const metadata: Metadata = { title: "API tokens · Ripe" };

const when = (date: Date | null) => (date ? date.toISOString().slice(0, 16).replace("T", " ") + " UTC" : null);

// Permission: any signed-in account (its own tokens).
export default async function TokensPage() {
  await connection();
  const db = await getDb();
  const account = await pageAccount(db);
  const tokens = await listApiTokens(db, account.id);
  return (
    <div className="mx-auto max-w-4xl space-y-6 p-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">API tokens</h1>
        <p className="mt-1 text-sm text-neutral-400">
          For scripts and pipelines: send <code>Authorization: Bearer ripe_…</code> to any <code>/api</code> route (export, audit JSON,
          agreement JSON, images). A token acts with your roles — or, read-only, may not change anything — until it expires (90 days unless
          you choose otherwise, a year at most). Ripe keeps only its hash.
        </p>
      </div>
      <TokenList
        tokens={tokens.map((token) => ({
          id: token.id,
          name: token.name,
          hint: token.hint,
          isReadOnly: token.isReadOnly,
          created: when(token.createdAt)!,
          lastUsed: when(token.lastUsedAt),
          revoked: when(token.revokedAt),
          expires: when(token.expiresAt)!,
          isExpired: token.isExpired,
        }))}
      />
    </div>
  );
}

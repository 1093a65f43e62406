"use client";
// The signed-in account's API tokens: create one with a lifetime (the secret is shown here once, to
// copy), see when each was last used and when it expires, revoke one. Tokens act with the
// account's roles (or read only).
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { createTokenAction } from "@/lib/actions/tokens/create-token";
import { revokeTokenAction } from "@/lib/actions/tokens/revoke-token";
import { TOKEN_DAYS_CHOICES, TOKEN_DAYS_DEFAULT } from "@/lib/auth/token-expiry";

export type TokenRow = {
  id: number;
  name: string;
  hint: string;
  isReadOnly: boolean;
  created: string;
  lastUsed: string | null;
  revoked: string | null;
  expires: string;
  isExpired: boolean;
};

const DAYS_LABELS: Record<(typeof TOKEN_DAYS_CHOICES)[number], string> = {
  7: "7 days",
  30: "30 days",
  90: "90 days",
  180: "180 days",
  365: "1 year",
};

const input = "rounded-md border border-neutral-700 bg-neutral-950 px-3 py-2 text-sm text-neutral-100 placeholder:text-neutral-500";

export function TokenList({ tokens }: { tokens: TokenRow[] }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [isReadOnly, setReadOnly] = useState(false);
  const [days, setDays] = useState<number>(TOKEN_DAYS_DEFAULT);
  const [secret, setSecret] = useState<string | null>(null);
  const [secretExpires, setSecretExpires] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, startWork] = useTransition();

  const onCreate = (event: FormEvent) => {
    event.preventDefault();
    startWork(async () => {
      const result = await createTokenAction({ name, isReadOnly, days });
      if (!result.ok) return setError(result.error);
      setError(null);
      setSecret(result.data.token);
      setSecretExpires(result.data.expires.slice(0, 16).replace("T", " ") + " UTC");
      setName("");
      router.refresh();
    });
  };
  const onRevoke = (tokenId: number) =>
    startWork(async () => {
      const result = await revokeTokenAction({ tokenId });
      setError(result.ok ? null : result.error);
      router.refresh();
    });

  return (
    <div className="space-y-4">
      <form onSubmit={onCreate} className="flex flex-wrap items-center gap-2 rounded-lg border border-neutral-800 bg-neutral-900/60 p-4">
        <input
          aria-label="Token name"
          data-testid="token-name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder="name, e.g. nightly export"
          className={`${input} min-w-0 flex-1`}
        />
        <label className="flex items-center gap-1 text-sm text-neutral-300">
          expires in
          <select
            aria-label="Expires in"
            data-testid="token-days"
            value={days}
            onChange={(event) => setDays(Number(event.target.value))}
            className={input}
          >
            {TOKEN_DAYS_CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {DAYS_LABELS[choice]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1 text-sm text-neutral-300">
          <input type="checkbox" checked={isReadOnly} onChange={(event) => setReadOnly(event.target.checked)} /> read-only
        </label>
        <button
          type="submit"
          disabled={isBusy}
          className="rounded-md bg-amber-500 px-4 py-2 text-sm font-medium text-neutral-950 hover:bg-amber-400 disabled:opacity-60"
        >
          Create token
        </button>
      </form>
      {error && (
        <p role="alert" className="text-sm text-red-400">
          {error}
        </p>
      )}
      {secret && (
        <div role="status" className="space-y-1 rounded-lg border border-emerald-700 bg-emerald-950/40 p-4 text-sm text-emerald-200">
          <p>
            Copy this token now: it is not shown again. Send it as <code>Authorization: Bearer …</code>. It expires{" "}
            <span data-testid="token-secret-expires">{secretExpires}</span>.
          </p>
          <code data-testid="token-secret" className="block break-all rounded bg-neutral-950 p-2 font-mono text-neutral-100 select-all">
            {secret}
          </code>
        </div>
      )}
      <table className="w-full text-left text-sm">
        <thead className="text-xs text-neutral-400">
          <tr>
            <th className="py-1">Name</th>
            <th>Token</th>
            <th>Created</th>
            <th>Last used</th>
            <th>Expires</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {tokens.length === 0 && (
            <tr>
              <td colSpan={6} className="py-2 text-neutral-500">
                No tokens yet.
              </td>
            </tr>
          )}
          {tokens.map((token) => (
            <tr key={token.id} className="border-t border-neutral-800" data-testid="token-row">
              <td className="py-2 text-neutral-100">
                {token.name}
                {token.isReadOnly && <span className="ml-2 rounded bg-neutral-800 px-1.5 text-xs text-neutral-300">read-only</span>}
              </td>
              <td className="font-mono text-neutral-400">{token.hint}…</td>
              <td className="text-neutral-400">{token.created}</td>
              <td className="text-neutral-400">{token.lastUsed ?? "never"}</td>
              <td className={token.isExpired ? "text-red-400" : "text-neutral-400"} data-testid="token-expires">
                {token.isExpired ? `expired ${token.expires}` : token.expires}
              </td>
              <td className="text-right">
                {token.revoked ? (
                  <span className="text-neutral-500">revoked {token.revoked}</span>
                ) : token.isExpired ? (
                  <span className="text-neutral-500">create a new one</span>
                ) : (
                  <button
                    type="button"
                    disabled={isBusy}
                    onClick={() => onRevoke(token.id)}
                    className="rounded border border-neutral-700 px-2 py-1 text-xs text-neutral-200 hover:border-red-500 hover:text-red-300"
                  >
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

"use client";
// "Sign in with <provider>": asks better-auth for the provider's authorize URL (it sets the state
// and PKCE cookies on this response) and sends the browser there. The provider comes back to
// /api/auth/callback/oidc, which lands on `next` or on /sign-in?error=… when Ripe refuses.
import { useState, useTransition } from "react";

export function SsoButton({ name, next }: { name: string; next: string }) {
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  return (
    <div className="grid gap-2">
      <button
        type="button"
        disabled={isPending}
        className="rounded-md border border-neutral-600 px-3 py-2 font-medium hover:bg-neutral-800 disabled:opacity-60"
        onClick={() =>
          startTransition(async () => {
            const response = await fetch("/api/auth/sign-in/social", {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({ provider: "oidc", callbackURL: next, errorCallbackURL: "/sign-in" }),
            });
            const body = (await response.json().catch(() => ({}))) as { url?: string; message?: string };
            if (response.ok && body.url) {
              window.location.assign(body.url);
              return;
            }
            setError(body.message ?? `Single sign-on could not start (the server answered ${response.status}); try again.`);
          })
        }
      >
        {isPending ? "Redirecting…" : `Sign in with ${name}`}
      </button>
      {error && (
        <p role="alert" className="text-sm text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}

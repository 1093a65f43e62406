"use client";
// Email and password to better-auth's sign-in endpoint; the session cookie comes back httpOnly.
// A wrong password and an unknown account get the same message.
import { useState, useTransition } from "react";
import { FormSubmit } from "./form-submit";

const MESSAGES: Record<number, string> = {
  401: "Wrong email or password.",
  429: "Too many sign-in attempts; wait a minute and try again.",
};

export function SignInForm({ next }: { next: string }) {
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  return (
    <form
      className="mt-6 grid gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        startTransition(async () => {
          const response = await fetch("/api/auth/sign-in/email", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ email: form.get("email"), password: form.get("password") }),
          });
          if (response.ok) {
            window.location.assign(next);
            return;
          }
          const body = (await response.json().catch(() => ({}))) as { message?: string };
          setError(MESSAGES[response.status] ?? body.message ?? `Sign-in failed (the server answered ${response.status}); try again.`);
        });
      }}
    >
      <label className="grid gap-1 text-sm">
        Email
        <input
          name="email"
          type="email"
          required
          autoComplete="username"
          className="rounded border border-neutral-700 bg-neutral-900 px-3 py-2"
        />
      </label>
      <label className="grid gap-1 text-sm">
        Password
        <input
          name="password"
          type="password"
          required
          autoComplete="current-password"
          className="rounded border border-neutral-700 bg-neutral-900 px-3 py-2"
        />
      </label>
      <FormSubmit error={error} isPending={isPending} label="Sign in" pendingLabel="Signing in…" />
    </form>
  );
}

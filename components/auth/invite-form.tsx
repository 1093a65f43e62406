"use client";
// The invitee sets a name and password; the action creates the account with the invite's role
// and signs it in, then the dataset opens.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { acceptInvite } from "@/lib/actions/invites/accept-invite";
import { MIN_PASSWORD } from "@/lib/auth/account-schemas";
import { FormSubmit } from "./form-submit";

const inputClass = "rounded border border-neutral-700 bg-neutral-900 px-3 py-2";

export function InviteForm({ token, email }: { token: string; email: string }) {
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [isPending, startTransition] = useTransition();
  const router = useRouter();
  return (
    <form
      className="mt-6 grid gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const password = String(form.get("password") ?? "");
        if (password !== form.get("confirm")) return setFieldErrors({ confirm: "the two passwords differ" });
        startTransition(async () => {
          const result = await acceptInvite({ token, name: String(form.get("name") ?? ""), password });
          if (result.ok) {
            router.replace(`/datasets/${result.data.datasetId}`);
            router.refresh();
            return;
          }
          setError(result.error);
          setFieldErrors(result.fieldErrors ?? {});
        });
      }}
    >
      <label className="grid gap-1 text-sm">
        Email
        <input value={email} readOnly autoComplete="username" className={`${inputClass} text-neutral-400`} />
      </label>
      <label className="grid gap-1 text-sm">
        Your name
        <input name="name" required autoComplete="name" data-testid="invite-name" className={inputClass} />
        {fieldErrors.name && <span className="text-xs text-red-400">{fieldErrors.name}</span>}
      </label>
      <label className="grid gap-1 text-sm">
        Password (at least {MIN_PASSWORD} characters)
        <input
          name="password"
          type="password"
          required
          minLength={MIN_PASSWORD}
          autoComplete="new-password"
          data-testid="invite-password"
          className={inputClass}
        />
        {fieldErrors.password && <span className="text-xs text-red-400">{fieldErrors.password}</span>}
      </label>
      <label className="grid gap-1 text-sm">
        Password again
        <input name="confirm" type="password" required autoComplete="new-password" data-testid="invite-confirm" className={inputClass} />
        {fieldErrors.confirm && <span className="text-xs text-red-400">{fieldErrors.confirm}</span>}
      </label>
      <FormSubmit error={error} isPending={isPending} label="Create my account" pendingLabel="Creating…" />
    </form>
  );
}

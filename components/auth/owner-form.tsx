"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createOwner } from "@/lib/actions/accounts/create-owner";
import { MIN_PASSWORD } from "@/lib/auth/account-schemas";
import { FormSubmit } from "./form-submit";

const inputClass = "rounded border border-neutral-700 bg-neutral-900 px-3 py-2";

export function OwnerForm() {
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
        if (password !== form.get("confirm")) {
          setFieldErrors({ confirm: "the two passwords differ" });
          return;
        }
        startTransition(async () => {
          const result = await createOwner({ email: String(form.get("email") ?? ""), name: String(form.get("name") ?? ""), password });
          if (result.ok) {
            router.replace("/");
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
        <input name="email" type="email" required autoComplete="username" className={inputClass} />
        {fieldErrors.email && <span className="text-xs text-red-400">{fieldErrors.email}</span>}
      </label>
      <label className="grid gap-1 text-sm">
        Display name (optional)
        <input name="name" autoComplete="name" className={inputClass} />
      </label>
      <label className="grid gap-1 text-sm">
        Password (at least {MIN_PASSWORD} characters)
        <input name="password" type="password" required minLength={MIN_PASSWORD} autoComplete="new-password" className={inputClass} />
        {fieldErrors.password && <span className="text-xs text-red-400">{fieldErrors.password}</span>}
      </label>
      <label className="grid gap-1 text-sm">
        Password again
        <input name="confirm" type="password" required autoComplete="new-password" className={inputClass} />
        {fieldErrors.confirm && <span className="text-xs text-red-400">{fieldErrors.confirm}</span>}
      </label>
      <FormSubmit error={error} isPending={isPending} label="Create the owner account" pendingLabel="Creating…" />
    </form>
  );
}

"use client";
// What a 404 was about, read from the address: not-found pages get no params, but the path says
// which dataset, item or sample was asked for ("No dataset 99999").
import { usePathname } from "next/navigation";
import { describeMissing } from "@/lib/pages/describe-missing";

export function MissingWhat() {
  const { title, detail } = describeMissing(usePathname() ?? "/");
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight" data-testid="not-found-title">
        {title}
      </h1>
      <p className="mt-2 text-neutral-400">{detail}</p>
    </>
  );
}

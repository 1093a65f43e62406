import Link from "next/link";
import { cookies } from "next/headers";
import { REVIEWER_COOKIE, DEFAULT_REVIEWER } from "@/lib/review/reviewer-cookie";
import { ReviewerSwitcher } from "./reviewer-switcher";

export async function TopBar() {
  const reviewer = (await cookies()).get(REVIEWER_COOKIE)?.value || DEFAULT_REVIEWER;
  return (
    <header className="sticky top-0 z-30 flex h-12 items-center gap-6 border-b border-neutral-800 bg-neutral-950/95 px-4 backdrop-blur">
      <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
        <span aria-hidden className="inline-block h-3 w-3 rounded-full bg-amber-400" />
        Ripe
      </Link>
      <nav className="flex gap-4 text-sm text-neutral-400">
        <Link href="/" className="hover:text-neutral-100">
          Datasets
        </Link>
        <Link href="/import" className="hover:text-neutral-100">
          Import
        </Link>
      </nav>
      <div className="ml-auto">
        <ReviewerSwitcher current={reviewer} />
      </div>
    </header>
  );
}

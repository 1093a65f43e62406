import Link from "next/link";
import { MissingWhat } from "@/components/errors/missing-what";

// Every notFound() lands here, inside the app's layout (dark theme, top bar with the wordmark).
export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl px-6 py-20" data-testid="not-found">
      <title>Not found · Ripe</title>
      <p className="mb-3 font-mono text-sm text-amber-300">404</p>
      <MissingWhat />
      <div className="mt-6 flex gap-3 text-sm">
        <Link href="/" className="rounded-md bg-amber-500 px-3 py-2 font-medium text-neutral-950 hover:bg-amber-400">
          All datasets
        </Link>
        <Link href="/import" className="rounded-md bg-neutral-800 px-3 py-2 hover:bg-neutral-700">
          Import a dataset
        </Link>
      </div>
    </div>
  );
}

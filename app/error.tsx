"use client";
// An unexpected failure while rendering a page: said plainly, with a retry and a way back. The
// details stay in the server log; the digest ties this screen to that log line.
import Link from "next/link";
import { useEffect } from "react";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => console.error(error), [error]);
  return (
    <div className="mx-auto max-w-xl px-6 py-20" role="alert" data-testid="error-page">
      <title>Error · Ripe</title>
      <p className="mb-3 font-mono text-sm text-rose-300">Error</p>
      <h1 className="text-2xl font-semibold tracking-tight">This page could not be shown</h1>
      <p className="mt-2 text-neutral-400">
        The server failed while preparing it. Trying again often helps when the database was busy; if it keeps failing, the server log has
        the details
        {error.digest ? (
          <>
            {" "}
            (look for <code className="text-neutral-200">{error.digest}</code>)
          </>
        ) : null}
        .
      </p>
      <div className="mt-6 flex gap-3 text-sm">
        <button type="button" onClick={reset} className="rounded-md bg-amber-500 px-3 py-2 font-medium text-neutral-950 hover:bg-amber-400">
          Try again
        </button>
        <Link href="/" className="rounded-md bg-neutral-800 px-3 py-2 hover:bg-neutral-700">
          All datasets
        </Link>
      </div>
    </div>
  );
}

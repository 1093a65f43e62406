import Link from "next/link";

/** Next's 403 page (forbidden() in lib/auth/page-access): signed in, but no role on this dataset, or one below the page's (a viewer on the judge page). */
export default function Forbidden() {
  return (
    <div className="mx-auto max-w-xl p-10 text-center">
      <h1 className="text-xl font-semibold">No access</h1>
      <p className="mt-2 text-neutral-300">
        Your account has no role on this dataset, or its role does not include this page. Ask one of its owners for one.
      </p>
      <Link href="/" className="mt-4 inline-block text-amber-300 underline">
        Back to your datasets
      </Link>
    </div>
  );
}

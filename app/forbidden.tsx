import Link from "next/link";

/** Next's 403 page (forbidden() in lib/auth/page-access): signed in, but no role on this dataset. */
export default function Forbidden() {
  return (
    <div className="mx-auto max-w-xl p-10 text-center">
      <h1 className="text-xl font-semibold">No access</h1>
      <p className="mt-2 text-neutral-300">Your account has no role on this dataset. Ask one of its owners to add you.</p>
      <Link href="/" className="mt-4 inline-block text-amber-300 underline">
        Back to your datasets
      </Link>
    </div>
  );
}

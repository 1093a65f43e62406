// The end of every account form (owner, sign-in, invite): the error the server sent, as an alert,
// and the submit button that says it is working while the request runs.
export function FormSubmit({
  error,
  isPending,
  label,
  pendingLabel,
}: {
  error: string | null;
  isPending: boolean;
  label: string;
  pendingLabel: string;
}) {
  return (
    <>
      {error && (
        <p role="alert" className="text-sm text-red-400">
          {error}
        </p>
      )}
      <button
        disabled={isPending}
        className="rounded-md bg-amber-500 px-3 py-2 font-medium text-neutral-950 hover:bg-amber-400 disabled:opacity-60"
      >
        {isPending ? pendingLabel : label}
      </button>
    </>
  );
}

// The line-numbered problems of one import (`FILE:LINE: field: problem`), errors then warnings.
// The server keeps the first 1000 of each, so a count above that says how many were left out.
export function ImportMessages({ errors, warnings, badLines }: { errors: string[]; warnings: string[]; badLines: number }) {
  const hiddenBad = Math.max(0, badLines - errors.length);
  if (errors.length === 0 && warnings.length === 0) return null;
  return (
    <div className="space-y-3">
      {errors.length > 0 && (
        <section>
          <h4 className="mb-1 text-xs font-semibold uppercase tracking-wide text-red-300">
            Errors ({errors.length.toLocaleString("en")}
            {hiddenBad > 0 ? ` shown; ${hiddenBad.toLocaleString("en")} more bad lines not kept` : ""})
          </h4>
          <ol
            className="max-h-64 overflow-auto rounded-md border border-red-900/60 bg-red-950/30 p-2 font-mono text-xs leading-5 text-red-200"
            data-testid="import-errors"
          >
            {errors.map((message, index) => (
              <li key={index} className="break-all">
                {message}
              </li>
            ))}
          </ol>
        </section>
      )}
      {warnings.length > 0 && (
        <section>
          <h4 className="mb-1 text-xs font-semibold uppercase tracking-wide text-amber-300">
            Warnings ({warnings.length.toLocaleString("en")})
          </h4>
          <ol
            className="max-h-48 overflow-auto rounded-md border border-amber-900/60 bg-amber-950/20 p-2 font-mono text-xs leading-5 text-amber-100"
            data-testid="import-warnings"
          >
            {warnings.map((message, index) => (
              <li key={index} className="break-all">
                {message}
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}

// The dataset licence, shown before anything is downloaded (DESIGN.md: show it on export).
export function LicenceNote({ note, isDemo }: { note: string; isDemo: boolean }) {
  return (
    <section
      className="rounded-xl border border-amber-500/50 bg-amber-500/10 p-4"
      data-testid="licence-note"
      aria-labelledby="licence-heading"
    >
      <h2 id="licence-heading" className="text-sm font-semibold uppercase tracking-wide text-amber-300">
        Licence
      </h2>
      <p className="mt-1 text-sm leading-6 text-amber-50">{note}</p>
      {isDemo && (
        <p className="mt-2 text-xs text-amber-200/70">
          This is the demo dataset, generated locally from sample photos; the terms above apply to anything derived from Pico-Banana.
        </p>
      )}
    </section>
  );
}

// A thin bar; `fraction` null draws an indeterminate stripe (work under way, size unknown).
export function ProgressBar({ fraction, label }: { fraction: number | null; label: string }) {
  const percent = fraction === null ? null : Math.max(0, Math.min(100, Math.round(fraction * 100)));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
      className="h-2 w-full overflow-hidden rounded-full bg-neutral-800"
    >
      {percent === null ? (
        <div className="h-full w-full animate-pulse rounded-full bg-amber-500/25" />
      ) : (
        <div className="h-full rounded-full bg-amber-500 transition-[width] duration-300" style={{ width: `${percent}%` }} />
      )}
    </div>
  );
}

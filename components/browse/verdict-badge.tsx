// One look for verdicts everywhere: pass (green), fail (red), unresolved (amber), none (grey).
const STYLES: Record<string, string> = {
  pass: "bg-emerald-500/15 text-emerald-300 ring-emerald-500/30",
  fail: "bg-rose-500/15 text-rose-300 ring-rose-500/30",
  unresolved: "bg-amber-500/15 text-amber-200 ring-amber-500/30",
  none: "bg-neutral-800 text-neutral-400 ring-neutral-700",
};

const TEXT: Record<string, string> = { pass: "pass", fail: "fail", unresolved: "unresolved", none: "—" };

export function VerdictBadge({ verdict, label, title }: { verdict: string; label?: string; title?: string }) {
  return (
    <span
      title={title}
      className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-[11px] font-medium ring-1 ring-inset ${STYLES[verdict] ?? STYLES.none}`}
    >
      {label && <span className="text-neutral-400">{label}</span>}
      {TEXT[verdict] ?? verdict}
    </span>
  );
}

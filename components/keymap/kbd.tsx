import { formatKey } from "@/lib/keymap";

const KEY_CAP =
  "inline-flex min-w-[1.5rem] items-center justify-center rounded border border-neutral-700 bg-neutral-800 px-1.5 py-0.5 " +
  "font-mono text-[11px] leading-none text-neutral-200";

/** One key cap, from a KEYMAP key spec ("mod+z", "ArrowLeft", "1"). */
export function Kbd({ spec, className = "" }: { spec: string; className?: string }) {
  return <kbd className={`${KEY_CAP} ${className}`}>{formatKey(spec)}</kbd>;
}

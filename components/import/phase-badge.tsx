import type { JobPhase } from "@/lib/import/upload-jobs";
import { PHASE_LABELS, PHASE_STYLES } from "./import-labels";

export function PhaseBadge({ phase }: { phase: JobPhase }) {
  return (
    <span className={`rounded px-2 py-0.5 text-xs font-medium ${PHASE_STYLES[phase]}`} data-testid="import-phase" data-phase={phase}>
      {PHASE_LABELS[phase]}
    </span>
  );
}

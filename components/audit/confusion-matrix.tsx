// Judge verdict (rows) against human verdict (columns). Agreements are green, the two kinds of
// mistake red and amber, each cell's shade grows with its share, and each count opens its items.
import Link from "next/link";
import type { AuditReport } from "@/lib/audit/report";
import { itemsHref, pct } from "./audit-format";

type Cell = { count: number; judge: "pass" | "fail"; human: "pass" | "fail"; label: string; tone: string };

export function ConfusionMatrix({ report }: { report: AuditReport }) {
  const c = report.confusion;
  const total = report.labelled;
  const cells: Cell[] = [
    { count: c.judge_pass_human_pass, judge: "pass", human: "pass", label: "both accept", tone: "16 185 129" },
    { count: c.judge_pass_human_fail, judge: "pass", human: "fail", label: "wrong accept", tone: "244 63 94" },
    { count: c.judge_fail_human_pass, judge: "fail", human: "pass", label: "wrong reject", tone: "245 158 11" },
    { count: c.judge_fail_human_fail, judge: "fail", human: "fail", label: "both reject", tone: "16 185 129" },
  ];
  return (
    <figure className="space-y-2" data-testid="confusion-matrix">
      <figcaption className="text-sm font-semibold">Judge vs human</figcaption>
      <div className="grid grid-cols-[auto_1fr_1fr] gap-1 text-xs">
        <span />
        <span className="text-center text-neutral-400">human accept</span>
        <span className="text-center text-neutral-400">human reject</span>
        {(["pass", "fail"] as const).map((judge) => (
          <div key={judge} className="contents">
            <span className="self-center pr-1 text-right text-neutral-400">judge {judge}</span>
            {cells
              .filter((cell) => cell.judge === judge)
              .map((cell) => {
                const share = total ? cell.count / total : 0;
                return (
                  <Link
                    key={cell.human}
                    href={itemsHref(report.dataset.id, report.slice, { judge: cell.judge, human: cell.human })}
                    className="rounded px-2 py-3 text-center ring-1 ring-inset ring-neutral-800 hover:ring-amber-400"
                    style={{ backgroundColor: `rgb(${cell.tone} / ${0.08 + 0.5 * share})` }}
                    data-testid={`confusion-${cell.judge}-${cell.human}`}
                  >
                    <div className="text-2xl font-semibold tabular-nums">{cell.count}</div>
                    <div className="text-neutral-300">
                      {cell.label} · {pct(total ? share : null)}
                    </div>
                  </Link>
                );
              })}
          </div>
        ))}
      </div>
      <p className="text-xs text-neutral-500">
        A wrong accept puts a bad edit into the exported dataset; a wrong reject only loses a good one.
      </p>
    </figure>
  );
}

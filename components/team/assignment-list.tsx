// Assignments with their progress: per assignment (items all of whose reviewers decided, reviews
// done of reviews due, overdue) and per reviewer, with a link to the items still open and a
// button that hands an absent reviewer's open items to the others.
import Link from "next/link";
import type { AssignmentSummary, OpenItem } from "@/lib/team/types";
import { ReassignForm } from "./reassign-form";

const percent = (done: number, total: number) => (total === 0 ? 0 : Math.round((100 * done) / total));

function Bar({ done, total }: { done: number; total: number }) {
  return (
    <span className="inline-block h-1.5 w-24 overflow-hidden rounded bg-neutral-800 align-middle">
      <span className="block h-full bg-amber-400" style={{ width: `${percent(done, total)}%` }} />
    </span>
  );
}

export function AssignmentList({
  datasetId,
  assignments,
  openFor,
  openItems,
}: {
  datasetId: number;
  assignments: AssignmentSummary[];
  openFor: number | null;
  openItems: OpenItem[];
}) {
  if (assignments.length === 0) return <p className="text-sm text-neutral-500">No assignments yet.</p>;
  return (
    <ul className="space-y-3" data-testid="assignment-list">
      {assignments.map((assignment) => (
        <li
          key={assignment.id}
          className="rounded-lg border border-neutral-800 bg-neutral-900/60 p-3"
          data-testid={`assignment-${assignment.id}`}
        >
          <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
            <span className="font-medium">
              #{assignment.id} {assignment.title}
            </span>
            <span className="text-xs text-neutral-400">
              {assignment.source === "sample" ? `audit sample #${assignment.sampleId}` : "browse filter"} · overlap {assignment.overlap} ·
              seed {assignment.seed}
              {assignment.dueAt && ` · due ${assignment.dueAt.slice(0, 10)}`}
            </span>
            {assignment.isOverdue && <span className="rounded bg-rose-900/60 px-1.5 text-xs text-rose-200">overdue</span>}
            <span className="ml-auto text-xs tabular-nums text-neutral-300" data-testid="assignment-progress">
              {assignment.itemsDone}/{assignment.items} items done · {assignment.decided}/{assignment.slots} reviews
            </span>
          </div>
          <table className="mt-2 w-full text-sm">
            <tbody>
              {assignment.reviewers.map((reviewer) => (
                <tr key={reviewer.reviewerId} className="border-t border-neutral-800" data-testid={`progress-${reviewer.reviewer}`}>
                  <td className="py-1 pr-3">{reviewer.reviewer}</td>
                  <td className="py-1 pr-3 tabular-nums" data-testid="reviewer-progress">
                    {reviewer.decided}/{reviewer.total}
                  </td>
                  <td className="py-1 pr-3">
                    <Bar done={reviewer.decided} total={reviewer.total} />
                  </td>
                  <td className="py-1 pr-3 text-xs">{reviewer.isOverdue ? <span className="text-rose-300">overdue</span> : null}</td>
                  <td className="py-1 text-right">
                    {reviewer.decided < reviewer.total && (
                      <ReassignForm
                        datasetId={datasetId}
                        assignmentId={assignment.id}
                        from={{ id: reviewer.reviewerId, name: reviewer.reviewer }}
                        reviewers={assignment.reviewers.map((entry) => ({ id: entry.reviewerId, name: entry.reviewer }))}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {assignment.itemsDone < assignment.items && (
            <details open={openFor === assignment.id} className="mt-2 text-sm">
              <summary className="cursor-pointer text-amber-300">
                <Link href={`/datasets/${datasetId}/assignments?open=${assignment.id}#assignment-${assignment.id}`}>Items still open</Link>
              </summary>
              {openFor === assignment.id && (
                <ul className="mt-1 flex flex-wrap gap-2 text-xs" data-testid="open-items">
                  {openItems.map((item) => (
                    <li key={`${item.candidateId}-${item.reviewerId}`} className="rounded bg-neutral-800 px-2 py-0.5">
                      <Link href={`/datasets/${datasetId}/items/${item.candidateId}`} className="hover:underline">
                        #{item.candidateId}
                      </Link>{" "}
                      <span className="text-neutral-400">{item.reviewer}</span>
                    </li>
                  ))}
                </ul>
              )}
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}

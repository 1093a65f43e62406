"use client";
// Hands an absent reviewer's open items of one assignment to the others (each item keeps k distinct reviewers).
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { reassignAssignmentAction } from "@/lib/actions/assignments/reassign-assignment";

export function ReassignForm({
  datasetId,
  assignmentId,
  from,
  reviewers,
}: {
  datasetId: number;
  assignmentId: number;
  from: { id: number; name: string };
  reviewers: { id: number; name: string }[];
}) {
  const router = useRouter();
  const others = reviewers.filter((reviewer) => reviewer.id !== from.id);
  const [message, setMessage] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  if (others.length === 0) return null;
  return (
    <button
      type="button"
      disabled={isPending}
      className="rounded bg-neutral-800 px-2 py-0.5 text-xs text-neutral-200 hover:bg-neutral-700 disabled:opacity-50"
      data-testid={`reassign-${from.name}`}
      title={`Give ${from.name}'s open items to ${others.map((reviewer) => reviewer.name).join(", ")}`}
      onClick={() =>
        startTransition(async () => {
          const result = await reassignAssignmentAction({
            datasetId,
            assignmentId,
            fromReviewerId: from.id,
            toReviewerIds: others.map((reviewer) => reviewer.id),
          });
          if (!result.ok) setMessage(result.error);
          else {
            const { moved, unplaced } = result.data;
            setMessage(`Moved ${moved}${unplaced.length ? `; ${unplaced.length} stay (every other reviewer already has them)` : ""}.`);
            router.refresh();
          }
        })
      }
    >
      {isPending ? "Reassigning…" : (message ?? "Reassign open items")}
    </button>
  );
}

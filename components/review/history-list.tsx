import type { ReviewView } from "@/lib/review/types";
import { REASON_TAG_LABELS } from "@/lib/review/schemas";

const VERDICT_TEXT = { accept: "accepted", reject: "rejected", unsure: "unsure" } as const;

/** Every decision on the item, newest first: who, when, what, and the judge's verdict then. */
export function HistoryList({ reviews }: { reviews: ReviewView[] }) {
  return (
    <section aria-label="Decision history" data-testid="history">
      <h2 className="mb-2 text-xs font-semibold uppercase tracking-wide text-neutral-400">History</h2>
      {reviews.length === 0 ? (
        <p className="text-xs text-neutral-500">No decisions yet.</p>
      ) : (
        <ol className="space-y-1.5 text-xs">
          {reviews.map((review) => (
            <li
              key={review.id}
              className={`rounded bg-neutral-900 px-2 py-1.5 ${review.isUndone ? "opacity-50" : ""}`}
              data-testid="history-entry"
            >
              <div className="flex flex-wrap items-center gap-x-2">
                <span className="font-medium text-neutral-200">{review.reviewer}</span>
                {review.undoOf !== null ? (
                  <span className="text-neutral-400">undid decision #{review.undoOf}</span>
                ) : (
                  <span
                    className={
                      review.verdict === "accept" ? "text-emerald-300" : review.verdict === "reject" ? "text-rose-300" : "text-amber-200"
                    }
                  >
                    {VERDICT_TEXT[review.verdict]}
                  </span>
                )}
                {review.isUndone && <span className="text-neutral-500">(undone)</span>}
                <time className="ml-auto text-neutral-500" dateTime={review.createdAt}>
                  {new Date(review.createdAt).toLocaleString()}
                </time>
              </div>
              {review.undoOf === null && (
                <div className="mt-0.5 text-neutral-400">
                  judge then: {review.judgeVerdictThen ?? "—"} · #{review.id}
                  {review.source !== "ui" && ` · ${review.source}`}
                  {review.reasonTags.length > 0 &&
                    ` · ${review.reasonTags.map((tag) => REASON_TAG_LABELS[tag as keyof typeof REASON_TAG_LABELS] ?? tag).join(", ")}`}
                </div>
              )}
              {review.note && review.undoOf === null && <p className="mt-0.5 text-neutral-300">“{review.note}”</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

// The agreement page's verdict section: Krippendorff's α and Fleiss' κ over every reviewer,
// Cohen's κ per reviewer pair, α per edit type; each number links to the items behind it and a
// statistic that is undefined shows a dash with the reason. Numbers come from the same JSON as
// GET /api/datasets/<id>/agreement (data-value carries the unrounded value for tests).
import type { ReactNode } from "react";
import { verdictMetric, type VerdictAgreement } from "@/lib/agreement/verdicts";
import { MetricLink } from "./metric-link";
import { items, pct, stat } from "./verdict-format";
import { VerdictItems } from "./verdict-items";

function Card({ title, note, children, isWide = false }: { title: string; note?: string; children: ReactNode; isWide?: boolean }) {
  return (
    <section className={`rounded-md border border-neutral-800 bg-neutral-900/50 p-4 ${isWide ? "xl:col-span-2" : ""}`}>
      <h3 className="font-semibold">{title}</h3>
      {note && <p className="mb-3 mt-0.5 text-xs text-neutral-500">{note}</p>}
      {children}
    </section>
  );
}

/** A statistic: rounded, with the unrounded value and the reason it is missing, if it is. */
function Stat({ value, note, testId }: { value: number | null; note: string | null; testId?: string }) {
  return (
    <span
      data-testid={testId}
      data-value={value ?? ""}
      title={note ?? undefined}
      className={value === null ? "text-neutral-500" : undefined}
    >
      {stat(value)}
    </span>
  );
}

const th = "px-2 py-1 text-left text-xs font-medium text-neutral-500";
const td = "px-2 py-1 tabular-nums";

export function VerdictAgreementView({
  datasetId,
  agreement,
  selected,
}: {
  datasetId: number;
  agreement: VerdictAgreement;
  selected?: string;
}) {
  const { json } = agreement;
  const fleiss = json.fleiss_kappa;
  return (
    <div className="space-y-4" data-testid="verdict-agreement">
      <div className="flex flex-wrap items-baseline gap-4">
        <h2 className="text-lg font-semibold">Agreement on verdicts</h2>
        <span className="text-sm text-neutral-500">
          {json.reviewers.length} reviewers · {json.items} of {json.decided_items} decided items have two or more verdicts · every number
          links to its items
        </span>
      </div>
      {json.decided_items === 0 ? (
        <p className="text-sm text-neutral-500">
          No decisions yet. Decide items in the queue or import decision lines; agreement needs items decided by two or more reviewers.
        </p>
      ) : (
        <div className="grid gap-4 xl:grid-cols-2">
          <Card
            title="All reviewers"
            note={
              "Krippendorff's α (nominal: accept, reject, unsure) over every item with two or more verdicts, whoever gave them. " +
              "Fleiss' κ needs the same number of verdicts per item, so it uses the items with the most common count."
            }
          >
            <dl className="grid grid-cols-3 gap-3 text-sm">
              <div>
                <dt className="text-xs text-neutral-500">Krippendorff&apos;s α</dt>
                <dd className="text-lg">
                  <Stat value={json.krippendorff_alpha} note={json.krippendorff_alpha_note} testId="verdict-alpha" />
                </dd>
                <dd className="text-xs text-neutral-500">
                  on{" "}
                  <MetricLink datasetId={datasetId} metric={verdictMetric("multi")} testId="verdict-items-count">
                    {items(json.items)}
                  </MetricLink>
                </dd>
              </div>
              <div>
                <dt className="text-xs text-neutral-500">Fleiss&apos; κ</dt>
                <dd className="text-lg">
                  <Stat value={fleiss.value} note={fleiss.note} testId="verdict-fleiss" />
                </dd>
                <dd className="text-xs text-neutral-500">
                  {fleiss.raters === null ? (
                    "no item with two verdicts"
                  ) : (
                    <>
                      on{" "}
                      <MetricLink datasetId={datasetId} metric={verdictMetric("fleiss")}>
                        {items(fleiss.items)}
                      </MetricLink>{" "}
                      with exactly {fleiss.raters} verdicts
                    </>
                  )}
                </dd>
              </div>
              <div>
                <dt className="text-xs text-neutral-500">Reviewers</dt>
                <dd className="text-lg">{json.reviewers.length}</dd>
                <dd className="text-xs text-neutral-500">{json.reviewers.join(", ")}</dd>
              </div>
            </dl>
            {[json.krippendorff_alpha_note && `α: ${json.krippendorff_alpha_note}`, fleiss.note && `Fleiss' κ: ${fleiss.note}`]
              .filter(Boolean)
              .map((note) => (
                <p key={note as string} className="mt-2 text-xs text-neutral-500">
                  {note}
                </p>
              ))}
          </Card>
          <Card
            title="Per reviewer pair"
            note="Cohen's κ on the items both decided: over the three verdicts, and over the items where neither said unsure. A dash: κ is undefined (why is said below the table)."
          >
            {json.pairwise.length === 0 ? (
              <p className="text-sm text-neutral-500">No two reviewers have decided the same item yet.</p>
            ) : (
              <table className="w-full text-sm" data-testid="verdict-pairwise">
                <thead>
                  <tr>
                    <th className={th}>Reviewers</th>
                    <th className={th}>Shared</th>
                    <th className={th}>Agreement</th>
                    <th className={th}>κ</th>
                    <th className={th}>κ accept/reject</th>
                    <th className={th}>Disagree</th>
                  </tr>
                </thead>
                <tbody>
                  {json.pairwise.map((row) => {
                    const disagree = agreement.ids.get(verdictMetric("pair", row.a, row.b, "disagree"))?.length ?? 0;
                    return (
                      <tr key={`${row.a}\u0000${row.b}`} className="border-t border-neutral-800" data-pair={`${row.a} ${row.b}`}>
                        <td className={td}>
                          {row.a} · {row.b}
                        </td>
                        <td className={td}>
                          <MetricLink datasetId={datasetId} metric={verdictMetric("pair", row.a, row.b)}>
                            {row.n}
                          </MetricLink>
                        </td>
                        <td className={td}>{pct(row.percent_agreement)}</td>
                        <td className={td}>
                          <Stat value={row.kappa} note={row.note} testId="pair-kappa" />
                        </td>
                        <td className={td}>
                          <Stat value={row.kappa_accept_reject} note={row.note} testId="pair-kappa-ar" />{" "}
                          <span className="text-xs text-neutral-500">
                            n{" "}
                            <MetricLink datasetId={datasetId} metric={verdictMetric("pair", row.a, row.b, "accept_reject")}>
                              {row.n_accept_reject}
                            </MetricLink>
                          </span>
                        </td>
                        <td className={td}>
                          {disagree ? (
                            <MetricLink datasetId={datasetId} metric={verdictMetric("pair", row.a, row.b, "disagree")}>
                              {disagree}
                            </MetricLink>
                          ) : (
                            <span className="text-neutral-600">0</span>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
            {json.pairwise
              .filter((row) => row.note)
              .map((row) => (
                <p key={`${row.a}\u0000${row.b}`} className="mt-2 text-xs text-neutral-500">
                  {row.a} · {row.b}: {row.note}
                </p>
              ))}
          </Card>
          {json.by_edit_type.length > 0 && (
            <Card
              isWide
              title="By edit type"
              note="Krippendorff's α on each edit type's items with two or more verdicts. With few items α moves a lot; one item that all agree on has no variation, so α is undefined."
            >
              <table className="w-full text-sm" data-testid="verdict-by-type">
                <thead>
                  <tr>
                    <th className={th}>Edit type</th>
                    <th className={th}>Items</th>
                    <th className={th}>Krippendorff&apos;s α</th>
                  </tr>
                </thead>
                <tbody>
                  {json.by_edit_type.map((row) => (
                    <tr key={row.edit_type} className="border-t border-neutral-800" data-edit-type={row.edit_type}>
                      <td className="px-2 py-1">{row.edit_type}</td>
                      <td className={td}>
                        <MetricLink datasetId={datasetId} metric={verdictMetric("type", row.edit_type)}>
                          {row.items}
                        </MetricLink>
                      </td>
                      <td className={td}>
                        <Stat value={row.krippendorff_alpha} note={row.note} testId="type-alpha" />
                        {row.note && <span className="ml-2 text-xs text-neutral-500">{row.note}</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Card>
          )}
        </div>
      )}
      {selected && <VerdictItems datasetId={datasetId} agreement={agreement} metric={selected} />}
    </div>
  );
}

// A number that opens the list of the items behind it.
import Link from "next/link";
import type { ReactNode } from "react";
import { metricHref } from "./verdict-format";

export function MetricLink({
  datasetId,
  metric,
  children,
  testId,
}: {
  datasetId: number;
  metric: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Link
      href={metricHref(datasetId, metric)}
      scroll={false}
      data-verdict-metric={metric}
      data-testid={testId}
      className="text-amber-200 underline decoration-amber-500/30 underline-offset-2 hover:decoration-amber-300"
    >
      {children}
    </Link>
  );
}

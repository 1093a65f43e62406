// GET /api/datasets/:id/pairs/queue?queue=…&exclude=…: the next batch of pairs for the current
// reviewer (the labelling screen fetches ahead while the reviewer works through the last batch).
import { cookies } from "next/headers";
import { getDb } from "@/lib/db/server";
import { getDataset } from "@/lib/db/queries/datasets";
import { nextPairBatch } from "@/lib/db/queries/pairs-queue";
import { resolveReviewer, REVIEWER_COOKIE } from "@/lib/db/queries/reviewers";
import { queueBatchSchema } from "@/lib/pairs/queue";

export async function GET(request: Request, { params }: { params: Promise<{ datasetId: string }> }) {
  const { datasetId } = await params;
  const db = await getDb();
  const dataset = await getDataset(db, Number(datasetId));
  if (!dataset) return Response.json({ error: `no dataset ${datasetId}` }, { status: 404 });
  const parsed = queueBatchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const reviewer = await resolveReviewer(db, (await cookies()).get(REVIEWER_COOKIE)?.value);
  const batch = await nextPairBatch(db, dataset, reviewer.id, parsed);
  return Response.json(batch, { headers: { "Cache-Control": "no-store" } });
}

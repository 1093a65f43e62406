// One simulated reviewer for `npm run bench -- load`: signed in with their own session, looping
// open item (its JSON and both full images, as the review screen loads them) → decide (the real
// server action over HTTP) → next, with a browse page (facet counts included) and a keyset page of
// the grid every fourth item. Requests rotate over the instances, as a load balancer would send them.
import { imageUrl } from "../browse/image-url";
import { seededRandom } from "../random";
import { callAction, type ActionRef } from "../testing/next-actions";

export type Timings = { decide: number[]; item: number[]; browse: number[] };

export type ReviewerResult = {
  reviewer: string;
  requests: number;
  errors: string[];
  /** Decisions the server confirmed ({ ok: true }), by candidate: what the database must hold afterwards. */
  confirmed: number;
  timings: Timings;
};

export type ReviewerPlan = {
  reviewer: string;
  baseUrls: string[];
  datasetId: number;
  candidateIds: number[];
  /** Where in candidateIds this reviewer starts, so reviewers spread over the items. */
  offset: number;
  until: number;
  thinkMs: number;
  headers: Record<string, string>;
  decide: ActionRef;
};

const VERDICTS = ["accept", "reject", "unsure"] as const;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runReviewer(plan: ReviewerPlan): Promise<ReviewerResult> {
  const result: ReviewerResult = {
    reviewer: plan.reviewer,
    requests: 0,
    errors: [],
    confirmed: 0,
    timings: { decide: [], item: [], browse: [] },
  };
  // People do not act in step: each reviewer starts at a random moment within one think time and
  // pauses 0.5-1.5 think times after each item. (With a fixed pause and a common start, all the
  // reviewers asked at the same instant every round, and latency measured that burst's queue.)
  const random = seededRandom(plan.offset + 1); // each reviewer pauses the same from run to run
  const pause = () => sleep(plan.thinkMs * (0.5 + random()));
  if (plan.thinkMs > 0) await sleep(plan.thinkMs * random());
  let turn = 0;
  const nextBase = () => plan.baseUrls[turn++ % plan.baseUrls.length];
  const get = async (path: string, accept = "application/json") => {
    const base = nextBase();
    result.requests++;
    const response = await fetch(`${base}${path}`, { headers: { ...plan.headers, accept }, redirect: "manual" });
    const body = Buffer.from(await response.arrayBuffer());
    if (response.status !== 200) throw new Error(`GET ${path} → ${response.status} ${body.toString("utf8", 0, 200)}`);
    return body;
  };
  const timed = async <T>(into: number[], work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const value = await work();
    into.push(performance.now() - started);
    return value;
  };

  for (let step = 0; Date.now() < plan.until; step++) {
    const candidateId = plan.candidateIds[(plan.offset + step) % plan.candidateIds.length];
    try {
      await timed(result.timings.item, async () => {
        const detail = JSON.parse((await get(`/api/datasets/${plan.datasetId}/items/${candidateId}`)).toString("utf8")) as {
          candidate: { imagePath: string };
          request: { sourceImage: string };
        };
        await Promise.all(
          [detail.request.sourceImage, detail.candidate.imagePath].map((file) => get(imageUrl(plan.datasetId, file), "image/*")),
        );
      });
      const verdict = VERDICTS[(plan.offset + step) % VERDICTS.length];
      const call = await timed(result.timings.decide, () => {
        result.requests++;
        return callAction(nextBase(), plan.decide, [{ datasetId: plan.datasetId, candidateId, verdict }], {
          headers: plan.headers,
          path: `/datasets/${plan.datasetId}/items/${candidateId}`,
        });
      });
      const value = call.value as { ok?: boolean; error?: string } | undefined;
      if (call.status !== 200 || value?.ok !== true)
        throw new Error(`decide ${candidateId} → ${call.status} ${value?.error ?? call.text.slice(0, 200)}`);
      result.confirmed++;
      if (step % 4 === 0) {
        await timed(result.timings.browse, () => get(`/datasets/${plan.datasetId}?sort=newest`, "text/html"));
        await timed(result.timings.browse, () => get(`/api/datasets/${plan.datasetId}/candidates?limit=60&sort=score`));
      }
    } catch (error) {
      result.errors.push(error instanceof Error ? error.message : String(error));
    }
    if (plan.thinkMs > 0) await pause();
  }
  return result;
}

import "server-only";
// "How many of this dataset's images can't be loaded?" without touching 400K images: a bounded
// sample (up to SAMPLE_ITEMS candidates spread evenly over the id range, by index lookups), each
// source and edit checked through the same path the browse cards use (a cached 256 px
// thumbnail), a few at a time. The answer is kept per dataset for a few minutes, so page views
// don't repeat the check; the dataset page asks for it after it has rendered.
import type { DbHandle } from "../db/client";
import { countCandidates, sampleCandidateImages } from "../db/queries/image-sample";
import type { Dataset } from "../db/schema";
import { ImageError, type ImageFailure } from "../images/errors";
import { serveImage } from "../images/thumbnails";

export const SAMPLE_ITEMS = 24;
const CONCURRENCY = 4;
const KEEP_MS = 5 * 60_000;

export type ImageProblem = { candidateId: number; which: "source" | "edit"; path: string; reason: ImageFailure | "error"; message: string };
export type ImageHealth = { checkedImages: number; checkedItems: number; failed: ImageProblem[]; checkedAt: string; isSample: boolean };

const recent = new Map<string, { at: number; result: Promise<ImageHealth> }>();

async function check(dataset: Dataset, path: string): Promise<{ reason: ImageProblem["reason"]; message: string } | null> {
  try {
    await serveImage(dataset, path, 256);
    return null;
  } catch (error) {
    if (error instanceof ImageError) return { reason: error.reason, message: error.message };
    return { reason: "error", message: (error as Error).message };
  }
}

async function run(db: DbHandle, dataset: Dataset): Promise<ImageHealth> {
  const items = await sampleCandidateImages(db, dataset.id, SAMPLE_ITEMS);
  const jobs = items.flatMap((item) => [
    { candidateId: item.id, which: "source" as const, path: item.source_image },
    { candidateId: item.id, which: "edit" as const, path: item.image_path },
  ]);
  // One check per distinct path (sources are shared by a request's candidates and turns).
  const outcomes = new Map<string, Promise<Awaited<ReturnType<typeof check>>>>();
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      if (!outcomes.has(job.path)) outcomes.set(job.path, check(dataset, job.path));
      await outcomes.get(job.path);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const failed: ImageProblem[] = [];
  for (const job of jobs) {
    const outcome = await outcomes.get(job.path)!;
    if (outcome) failed.push({ ...job, ...outcome });
  }
  const total = await countCandidates(db, dataset.id);
  return {
    checkedImages: outcomes.size,
    checkedItems: items.length,
    failed,
    checkedAt: new Date().toISOString(),
    isSample: total > items.length,
  };
}

/** The dataset's image health, from the last few minutes' check or a new one. */
export function datasetImageHealth(db: DbHandle, dataset: Dataset, options: { isFresh?: boolean } = {}): Promise<ImageHealth> {
  // The base is part of the key: changing it in the settings checks again at once.
  const key = `${dataset.id}\n${dataset.base ?? ""}\n${JSON.stringify(dataset.mirrors ?? [])}`;
  const kept = recent.get(key);
  if (kept && !options.isFresh && Date.now() - kept.at < KEEP_MS) return kept.result;
  const result = run(db, dataset);
  recent.set(key, { at: Date.now(), result });
  result.catch(() => recent.delete(key));
  return result;
}

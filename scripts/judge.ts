// npm run judge -- --dataset NAME [--provider gemini|metrics] [--model M] [--edit-type T]...
//                  [--only-unjudged] [--limit N] [--concurrency N] [--batch | --batch-above N] [--batch-size N]
// npm run judge -- --resume JOB_ID [--retry-errors] [--concurrency N] [--batch-size N]
// Ctrl-C cancels cleanly: what was judged stays, the job is left resumable. The run is a leased
// background job worked in this process: killed, an app instance or `npm run worker` finishes it. A batch run's batches
// keep running at Gemini meanwhile; --resume polls them again and collects what they finished.
import cliProgress from "cli-progress";
import { eq } from "drizzle-orm";
import { die, flag, parseArgs } from "../lib/cli/args";
import { openForCli } from "../lib/cli/open";
import { firstJobErrors } from "../lib/db/queries/judge-jobs";
import { getBackgroundJob, latestJobsFor, requestCancel } from "../lib/db/queries/background-jobs";
import { datasets, type BackgroundJob, type JudgeJob } from "../lib/db/schema";
import { enqueueJudgeRun, JudgeAlreadyQueuedError, runJudgeJob } from "../lib/jobs/judge-job";
import { createWorker } from "../lib/jobs/worker";
import { createJudge, JUDGE_PROVIDERS, type Judge, type JudgeProvider } from "../lib/judge/judges";
import { createBatchClient } from "../lib/judge/gemini-batch";
import { cancelJob, createJob, getJob } from "../lib/judge/runner";

const USAGE = `usage:
  npm run judge -- --dataset NAME [--provider gemini|metrics] [--model M] [--edit-type T]... [--only-unjudged] [--limit N] [--concurrency N]
                   [--batch | --batch-above N] [--batch-size N]
  npm run judge -- --resume JOB_ID [--retry-errors] [--concurrency N] [--batch-size N]
--batch sends the run through the Gemini Batch API at half the price (results within 24 h, usually much sooner);
--batch-above N does so only when more than N items are to be judged (default: $RIPE_JUDGE_BATCH_ABOVE, else never).
--batch-size N caps the items per Gemini batch (default $RIPE_JUDGE_BATCH_SIZE or 1000).
Gemini needs GEMINI_API_KEY (or GOOGLE_GENAI_USE_VERTEXAI=true, GOOGLE_CLOUD_PROJECT, GOOGLE_CLOUD_LOCATION);
GEMINI_BASE_URL points it elsewhere (a local fake), GEMINI_MODEL picks the default model.`;

let args: ReturnType<typeof parseArgs>;
try {
  args = parseArgs(process.argv.slice(2), ["only-unjudged", "retry-errors", "help", "quiet", "batch"]);
} catch (error) {
  die(`${(error as Error).message}\n${USAGE}`);
}
if (flag(args, "help")) {
  console.log(USAGE);
  process.exit(0);
}
if (args.positional.length) die(`unexpected argument ${args.positional[0]}\n${USAGE}`);

function positiveInt(name: string): number | undefined {
  const value = flag(args, name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) die(`--${name} must be a positive whole number, not ${JSON.stringify(value)}`);
  return Number(value);
}

const resumeId = positiveInt("resume");
const concurrency = positiveInt("concurrency");
const limit = positiveInt("limit");
const batchSize = positiveInt("batch-size");
const isBatch = flag(args, "batch") === "true";
const envBatchAbove = process.env.RIPE_JUDGE_BATCH_ABOVE?.trim();
if (envBatchAbove && !/^\d+$/.test(envBatchAbove))
  die(`RIPE_JUDGE_BATCH_ABOVE must be a whole number of items, not ${JSON.stringify(envBatchAbove)}`);
const batchAbove = flag(args, "batch-above") !== undefined ? positiveInt("batch-above") : envBatchAbove ? Number(envBatchAbove) : undefined;
if (isBatch && flag(args, "batch-above") !== undefined)
  die("--batch always batches; --batch-above N batches only runs of more than N items: give one of them");
const provider = (flag(args, "provider") ?? "gemini") as JudgeProvider;
if (!JUDGE_PROVIDERS.includes(provider)) die(`--provider must be one of ${JUDGE_PROVIDERS.join(", ")}, not ${JSON.stringify(provider)}`);
const datasetName = flag(args, "dataset");
if (resumeId === undefined && !datasetName) die(`--dataset (or --resume) is required\n${USAGE}`);
if (
  resumeId !== undefined &&
  (datasetName || args.flags.has("edit-type") || limit !== undefined || args.flags.has("model") || isBatch || args.flags.has("batch-above"))
) {
  die("--resume continues a job as it was created: drop --dataset/--model/--edit-type/--limit/--batch/--batch-above");
}
if (provider === "metrics" && (isBatch || args.flags.has("batch-above")))
  die("--batch and --batch-above are for the Gemini judge; the metrics judge runs locally and costs nothing");

const handle = await openForCli("judge CLI");
const failWith = async (message: string): Promise<never> => {
  await handle.close();
  die(message);
};

/** Credentials are checked before a job exists, so a missing key never leaves an empty job behind. */
async function judgeFor(kind: JudgeProvider, model?: string, mayBatch = false): Promise<Judge> {
  try {
    // A batch run also needs the Batch API (an API key, not Vertex): check before a job exists.
    if (mayBatch) createBatchClient(model ? { model } : {});
    return createJudge(kind, model);
  } catch (error) {
    return failWith((error as Error).message);
  }
}

let job: JudgeJob;
if (resumeId !== undefined) {
  const found = await getJob(handle, resumeId);
  if (!found) await failWith(`judge job #${resumeId} does not exist`);
  job = found!;
  await judgeFor(job.provider as JudgeProvider, job.model ?? undefined, job.mode === "batch");
  console.log(`Resuming job #${job.id} (${job.judgeId}): ${job.done} done, ${job.failed} failed of ${job.total}, status ${job.status}`);
} else {
  const [dataset] = await handle.db.select().from(datasets).where(eq(datasets.name, datasetName!));
  if (!dataset) {
    const names = (await handle.db.select({ name: datasets.name }).from(datasets)).map((row) => row.name);
    await failWith(
      `no dataset named ${JSON.stringify(datasetName)}; ${names.length ? `known: ${names.join(", ")}` : "import one first (npm run import)"}`,
    );
  }
  await judgeFor(provider, flag(args, "model"), isBatch || batchAbove !== undefined);
  const created = await createJob(handle, {
    ...(provider === "gemini" ? { mode: isBatch ? ("batch" as const) : undefined, batchAbove } : {}),
    datasetId: dataset.id,
    provider,
    model: flag(args, "model"),
    filter: { editTypes: args.flags.get("edit-type"), onlyUnjudged: flag(args, "only-unjudged") === "true" },
    limit,
  });
  job = created.job;
  const skipped = [
    created.skippedJudged ? `${created.skippedJudged} already judged by ${job.judgeId}` : null,
    created.skippedQueued ? `${created.skippedQueued} waiting in another unfinished job (resume it with --resume)` : null,
  ].filter(Boolean);
  console.log(
    `Job #${job.id}: ${job.total} of ${created.matched} matching candidates to judge with ${job.judgeId}${job.mode === "batch" ? " through the Gemini Batch API" : ""}${skipped.length ? `; skipped ${skipped.join(", ")}` : ""}`,
  );
}

// The run is a leased background job (lib/jobs), as a run started on the judge page is, and this
// process works it with a worker that claims that job only. Killed, the run is taken over by an
// app instance or `npm run worker` once the lease expires; SIGTERM hands it over at once (calls in
// flight are stored first); Ctrl-C cancels it (what was judged stays; --resume continues it).
// Progress is read from the job's rows, so it keeps showing whichever process holds the run.
// A run handed over or cut off (SIGTERM, a kill) is still queued, or running under a lease that
// expires: --resume works that leased job (or follows it, while another process holds it).
const [previous] = resumeId !== undefined ? await latestJobsFor(handle, "judge", "judgeJobId", [job.id]) : [];
const isLive = previous?.status === "queued" || previous?.status === "running";
if (isLive && flag(args, "retry-errors") === "true")
  await failWith(
    `judge job #${job.id} is still queued or running: let it finish, then retry its errors with --resume ${job.id} --retry-errors`,
  );
let background: BackgroundJob;
try {
  background = isLive
    ? previous
    : await enqueueJudgeRun(handle, job.datasetId, {
        judgeJobId: job.id,
        // runJob's defaults: 4 calls at a time for Gemini, 2 for the CPU-bound metrics judge.
        concurrency: concurrency ?? (job.provider === "metrics" ? 2 : 4),
        retryErrors: resumeId !== undefined && flag(args, "retry-errors") === "true",
        batchMaxItems: batchSize,
      });
} catch (error) {
  if (!(error instanceof JudgeAlreadyQueuedError)) throw error;
  background = await failWith(`${error.message} Follow it on the judge page, or cancel it there to run it from here.`);
}
const worker = createWorker({
  db: async () => handle,
  handlers: { judge: runJudgeJob },
  jobId: background.id,
  // Claims are the normal case; handovers and failures are worth a line.
  log: (message) => (message.includes("claimed") ? undefined : console.error(`\n${message}`)),
});
worker.start();

const isQuiet = flag(args, "quiet") === "true" || !process.stderr.isTTY;
const bar = new cliProgress.SingleBar(
  {
    format: `[{bar}] {value}/{total} | {done} ok | {failed} failed | {tokens} tokens | \${cost}${job.mode === "batch" ? " | batches: {phase}" : " | eta {eta_formatted}"}`,
    hideCursor: true,
  },
  cliProgress.Presets.shades_classic,
);
const payload = (current: JudgeJob) => ({
  done: current.done,
  failed: current.failed,
  tokens: (current.inputTokens + current.outputTokens).toLocaleString("en-US"),
  cost: current.costUsd.toFixed(4),
  phase: describeBatches(current),
});
function describeBatches(current: JudgeJob): string {
  const status = current.batchStatus;
  if (!status) return "starting";
  const counts = Object.entries(status.batches)
    .map(([state, count]) => `${count} ${state}`)
    .join(", ");
  return `${status.phase}${counts ? ` (${counts}; ${status.itemsInBatches} items at Gemini)` : ""}`;
}

let isCancelling = false;
process.on("SIGINT", () => {
  if (isCancelling) {
    console.error("\nForced exit. Items in flight go back to pending on --resume.");
    process.exit(130);
  }
  isCancelling = true;
  console.error("\nCancelling: finishing the bookkeeping (Ctrl-C again to force)…");
  // The background job first, so no worker claims a run that is being cancelled.
  void requestCancel(handle, background.id).then(() => cancelJob(handle, job.id));
});
// SIGTERM: stop claiming, store the calls in flight, release the lease (the loop below then exits).
let handover: Promise<void> | null = null;
process.on("SIGTERM", () => {
  if (handover) process.exit(143);
  console.error(`\nSIGTERM: storing the calls in flight and handing job #${job.id} over…`);
  handover = worker.stop();
});

if (!isQuiet) bar.start(job.total, job.done + job.failed, payload(job));
const started = Date.now();
const isOver = (status: string) => status === "done" || status === "failed" || status === "cancelled";
let lastPhase = "";
let elsewhere = "";
let leased = background;
for (;;) {
  const current = (await getJob(handle, job.id))!;
  leased = (await getBackgroundJob(handle, background.id))!;
  if (!isQuiet) bar.update(current.done + current.failed, payload(current));
  // A batch run waits on Gemini for minutes to hours: say where its batches stand meanwhile.
  else if (current.mode === "batch" && describeBatches(current) !== lastPhase)
    console.log(`batches: ${(lastPhase = describeBatches(current))}`);
  if (leased.leaseOwner && leased.leaseOwner !== worker.owner && leased.leaseOwner !== elsewhere) {
    elsewhere = leased.leaseOwner;
    console.error(`\njob #${job.id} runs on ${elsewhere}; following its progress`);
  }
  if (isOver(leased.status) || handover) break;
  await new Promise((resolve) => setTimeout(resolve, 500));
}
if (handover) {
  await handover;
  if (!isQuiet) bar.stop();
  console.error(
    `Job #${job.id} handed over: an app instance or \`npm run worker\` continues it (or: npm run judge -- --resume ${job.id}).`,
  );
  await handle.close();
  process.exit(143);
}
await worker.stop();
if (!isQuiet) bar.stop();
if (leased.status === "failed")
  await failWith(`judge job #${job.id} stopped: ${leased.error} (fix it, then: npm run judge -- --resume ${job.id})`);

const finished = (await getJob(handle, job.id))!;
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(
  `Job #${finished.id} ${finished.status}: ${finished.done} judged, ${finished.failed} failed of ${finished.total} in ${seconds}s; ` +
    `tokens in ${finished.inputTokens.toLocaleString("en-US")}, out ${finished.outputTokens.toLocaleString("en-US")}; cost $${finished.costUsd.toFixed(4)}` +
    (finished.mode === "batch"
      ? ` at the batch price (interactive: $${finished.standardCostUsd.toFixed(4)}, saved $${(finished.standardCostUsd - finished.costUsd).toFixed(4)})`
      : ""),
);
if (finished.failed > 0) {
  const errors = await firstJobErrors(handle, finished.id, 5);
  for (const row of errors) console.error(`  candidate ${row.candidateId}: ${row.error}`);
  if (finished.failed > errors.length) console.error(`  … and ${finished.failed - errors.length} more (see the judgements table)`);
  console.error(`Retry the failures with: npm run judge -- --resume ${finished.id} --retry-errors`);
}
if (finished.status !== "done") console.log(`Resume with: npm run judge -- --resume ${finished.id}`);
await handle.close();
process.exit(finished.status === "done" ? 0 : 130);

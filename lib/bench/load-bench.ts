// npm run bench -- load [--reviewers 20] [--seconds 60] [--instances 2] [--think-ms 1000] [--cpu-prof DIR]
// Signed-in reviewers on loopback against the production build: one instance on a fresh PGlite
// folder, or several `next start` processes on one fresh PostgreSQL database (DATABASE_URL or
// TEST_DATABASE_URL names the server). Afterwards the decisions in the database are counted
// against the ones the clients were told were saved. Last line: the JSON the issue asks for.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import os from "node:os";
import path from "node:path";
import { flag, type ParsedArgs } from "../cli/args";
import { buildApp, buildNeeded } from "../cli/next-build";
import { openDatabase } from "../db/client";
import { siteDecisionsByReviewer } from "../db/queries/review-counts";
import { createPgliteDatabase, createPostgresDatabase, type TestDatabase } from "../testing/test-db";
import { findAction, readActions } from "../testing/next-actions";
import { startInstance, stopInstance, type Instance } from "./app-instances";
import { percentile } from "./browse-bench";
import { startPgServer, type PgServer } from "./pg-server";
import { createBenchReviewers } from "./load-accounts";
import { runReviewer, type ReviewerResult } from "./load-client";
import { machineTicks, treeCpuSeconds, treeRssMb } from "./proc-stats";

const log = (message: string) => process.stderr.write(`${message}\n`);

export type LoadOptions = {
  reviewers: number;
  seconds: number;
  instances: number;
  thinkMs: number;
  serverUrl?: string;
  /** The PostgreSQL server's postmaster, when the benchmark started its own (its CPU is reported too). */
  serverPid?: number;
  /** `--cpu-prof DIR`: each instance writes a V8 CPU profile there when it stops (open it in Chrome's DevTools). */
  cpuProfileDir?: string;
};

export type LoadResult = {
  reviewers: number;
  seconds: number;
  instances: number;
  database: "pglite" | "postgres";
  think_ms: number;
  requests: number;
  errors: number;
  decide_p95_ms: number;
  item_p95_ms: number;
  browse_p95_ms: number;
  rss_mb_max: number;
  /** CPU seconds the app instances used while the reviewers ran, and per request (ms). */
  app_cpu_s: number;
  app_cpu_ms_per_request: number;
  /** The same for the PostgreSQL server, when the benchmark started its own (null otherwise). */
  db_cpu_s: number | null;
  /** CPU seconds the benchmark's own process (the simulated reviewers) used meanwhile. */
  client_cpu_s: number;
  /** How busy the machine's cores were meanwhile (0-1, all processes: app, database, clients, anything else). */
  machine_busy: number;
  /** The machine's 1-minute load average as the reviewers started and as they stopped. */
  load_avg_start: number;
  load_avg_end: number;
  decisions_confirmed: number;
  decisions_stored: number;
  lost_or_duplicated: number;
  first_errors: string[];
};

export async function run(args: ParsedArgs): Promise<LoadResult> {
  const instances = Number(flag(args, "instances") ?? 1);
  // Several instances share one PostgreSQL server: DATABASE_URL's, or a throw-away one from Debian's packages.
  let server: PgServer | undefined;
  const named = flag(args, "database-url") ?? process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const serverUrl = named ?? (instances > 1 ? (server = await startPgServer()).url : undefined);
  try {
    return await runLoad({
      reviewers: Number(flag(args, "reviewers") ?? 20),
      seconds: Number(flag(args, "seconds") ?? 60),
      instances,
      thinkMs: Number(flag(args, "think-ms") ?? 1000),
      serverUrl,
      serverPid: server?.pid,
      cpuProfileDir: flag(args, "cpu-prof"),
    });
  } finally {
    server?.stop();
  }
}

function ensureBuild() {
  const reason = buildNeeded(process.cwd(), undefined);
  if (!reason) return;
  log(`next build (${reason})…`);
  buildApp(process.cwd());
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  if (options.instances > 1 && !options.serverUrl) {
    throw new Error(
      "Several instances need one PostgreSQL server: set DATABASE_URL (or --database-url) to a server Ripe may create a database on.",
    );
  }
  ensureBuild();
  const database: TestDatabase = options.serverUrl ? await createPostgresDatabase(options.serverUrl) : await createPgliteDatabase();
  const instances: Instance[] = [];
  try {
    await database.handle.close(); // PGlite: the app takes the folder; PostgreSQL: the app has its own pool
    // One secret for every instance (sessions are checked by whichever instance gets the request);
    // sign-in rate limits are per address and every client here is 127.0.0.1.
    process.env.BETTER_AUTH_SECRET ??= crypto.randomBytes(32).toString("base64url");
    process.env.RIPE_SIGN_IN_ATTEMPTS = String(10 * options.reviewers);
    const env: NodeJS.ProcessEnv = { ...process.env, ...database.env, NEXT_TELEMETRY_DISABLED: "1", RIPE_FETCH_FLICKR: "0" };
    if (!database.databaseUrl) delete env.DATABASE_URL;
    log(`preparing ${database.backend} (migrations + demo dataset + ${options.reviewers} accounts)…`);
    const prepare = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/prepare.ts"], {
      env,
      stdio: ["ignore", "ignore", "inherit"],
    });
    if (prepare.status !== 0) throw new Error("prepare (migrate + demo) failed");
    const setup = await openDatabase({ ...openTarget(database), purpose: "load benchmark accounts" });
    const accounts = await createBenchReviewers(setup, 1, options.reviewers).finally(() => setup.close());
    log(`starting ${options.instances} instance(s)…`);
    const nodeArgs = options.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(options.cpuProfileDir)}`] : [];
    for (let index = 0; index < options.instances; index++) instances.push(await startInstance(env, nodeArgs));
    const baseUrls = instances.map((instance) => instance.url);
    const sessions = await Promise.all(accounts.map((account) => account.signIn(baseUrls[0])));

    const page = (await (await fetch(`${baseUrls[0]}/api/datasets/1/candidates?limit=200`, { headers: sessions[0] })).json()) as {
      items: { id: number }[];
    };
    const candidateIds = page.items.map((item) => item.id);
    if (candidateIds.length === 0) throw new Error("the demo dataset has no items to decide");
    const decide = findAction(readActions(), "lib/actions/reviews/decide-candidate.ts", "decideCandidate");

    let rssMax = 0;
    const sampler = setInterval(() => {
      for (const instance of instances) rssMax = Math.max(rssMax, treeRssMb(instance.child.pid!));
    }, 500);
    log(`${options.reviewers} reviewers for ${options.seconds} s (think time ${options.thinkMs} ms)…`);
    const until = Date.now() + options.seconds * 1000;
    const cpuNow = () => ({
      app: instances.reduce((sum, instance) => sum + treeCpuSeconds(instance.child.pid!), 0),
      db: options.serverPid ? treeCpuSeconds(options.serverPid) : null,
    });
    const cpuBefore = cpuNow();
    const clientBefore = process.cpuUsage();
    const machineBefore = machineTicks();
    const loadBefore = os.loadavg()[0];
    let results: ReviewerResult[];
    try {
      results = await Promise.all(
        accounts.map((account, index) =>
          runReviewer({
            reviewer: account.reviewer,
            baseUrls: index % 2 === 0 ? baseUrls : [...baseUrls].reverse(),
            datasetId: 1,
            candidateIds,
            offset: Math.floor((index * candidateIds.length) / accounts.length),
            until,
            thinkMs: options.thinkMs,
            headers: sessions[index],
            decide,
          }),
        ),
      );
    } finally {
      clearInterval(sampler);
    }
    const cpuAfter = cpuNow();
    const client = process.cpuUsage(clientBefore);
    const machineAfter = machineTicks();
    const loadAfter = os.loadavg()[0];
    for (const instance of instances.splice(0)) await stopInstance(instance);

    const handle = await openDatabase({ ...openTarget(database), purpose: "load benchmark count" });
    const stored = await siteDecisionsByReviewer(handle, 1);
    await handle.close();
    // Per reviewer: what the clients were told was saved against what the database holds.
    const confirmed = new Map<string, number>();
    for (const result of results) confirmed.set(result.reviewer, (confirmed.get(result.reviewer) ?? 0) + result.confirmed);
    let mismatched = 0;
    for (const [reviewer, count] of confirmed) mismatched += Math.abs((stored.get(reviewer) ?? 0) - count);
    const all = (pick: (result: ReviewerResult) => number[]) => results.flatMap(pick);
    const errors = results.flatMap((result) => result.errors);
    const requests = results.reduce((sum, result) => sum + result.requests, 0);
    const appCpu = cpuAfter.app - cpuBefore.app;
    return {
      reviewers: options.reviewers,
      seconds: options.seconds,
      instances: options.instances,
      database: database.backend,
      think_ms: options.thinkMs,
      requests,
      errors: errors.length,
      decide_p95_ms: round(
        percentile(
          all((result) => result.timings.decide),
          95,
        ),
      ),
      item_p95_ms: round(
        percentile(
          all((result) => result.timings.item),
          95,
        ),
      ),
      browse_p95_ms: round(
        percentile(
          all((result) => result.timings.browse),
          95,
        ),
      ),
      rss_mb_max: Math.round(rssMax),
      app_cpu_s: round(appCpu),
      app_cpu_ms_per_request: round((appCpu * 1000) / Math.max(1, requests)),
      client_cpu_s: round((client.user + client.system) / 1e6),
      machine_busy:
        Math.round((100 * (machineAfter.busy - machineBefore.busy)) / Math.max(1, machineAfter.total - machineBefore.total)) / 100,
      db_cpu_s: cpuAfter.db === null || cpuBefore.db === null ? null : round(cpuAfter.db - cpuBefore.db),
      load_avg_start: round(loadBefore),
      load_avg_end: round(loadAfter),
      decisions_confirmed: results.reduce((sum, result) => sum + result.confirmed, 0),
      decisions_stored: [...confirmed.keys()].reduce((sum, reviewer) => sum + (stored.get(reviewer) ?? 0), 0),
      lost_or_duplicated: mismatched,
      first_errors: [...new Set(errors)].slice(0, 5),
    };
  } finally {
    for (const instance of instances) await stopInstance(instance);
    await database.dispose().catch(() => {});
  }
}

/** Where the benchmark's own database is, for opening it from this process. */
const openTarget = (database: TestDatabase) =>
  database.databaseUrl ? { databaseUrl: database.databaseUrl } : { dataDir: database.dataDir, databaseUrl: "" };

const round = (value: number) => Math.round(value * 10) / 10;

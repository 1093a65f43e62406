// A throw-away PostgreSQL server for benchmarks, started the way .ci/run starts the test server:
// Debian's packages, a temp folder outside the project tree, loopback only, a free port, fsync
// off. initdb and postgres refuse to run as root, so they run as the `postgres` user via runuser.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const USER = "ripe";

function postgresBin(): string {
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((name) => fs.existsSync(path.join(root, name, "bin", "initdb"))) : [];
  const newest = versions.sort((a, b) => Number(a) - Number(b)).at(-1);
  if (!newest) throw new Error("no PostgreSQL server found under /usr/lib/postgresql: set DATABASE_URL or apt-get install postgresql");
  return path.join(root, newest, "bin");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Shared buffers of a quarter of the machine's memory (at most 8 GB) and an effective cache size
 * of half of it: the usual sizing for a server PostgreSQL has to itself.
 */
export function serverMemory(totalBytes: number): { sharedBuffersMb: number; effectiveCacheMb: number } {
  const totalMb = Math.floor(totalBytes / 2 ** 20);
  return {
    sharedBuffersMb: Math.max(128, Math.min(8192, Math.floor(totalMb / 4))),
    effectiveCacheMb: Math.max(512, Math.floor(totalMb / 2)),
  };
}

export type PgServer = {
  url: string;
  /** The postmaster's process id. */
  pid: number;
  sharedBuffersMb: number;
  /** Whether the server took huge pages for its shared memory (null: not known on this system). */
  hugePages: boolean | null;
  stop(): void;
};

/** Huge pages taken (in use or reserved) on this machine, from /proc/meminfo; null where it cannot tell. */
function hugePagesTaken(): number | null {
  try {
    const info = fs.readFileSync("/proc/meminfo", "utf8");
    const count = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(info)?.[1] ?? Number.NaN);
    const taken = count("HugePages_Total") - count("HugePages_Free") + count("HugePages_Rsvd");
    return Number.isFinite(taken) ? taken : null;
  } catch {
    return null;
  }
}

export async function startPgServer(): Promise<PgServer> {
  const bin = postgresBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ripe-bench-pg-"));
  const port = await freePort();
  const isRoot = process.getuid?.() === 0;
  if (isRoot) execFileSync("chown", ["postgres:", dir]);
  const asPostgres = (command: string, args: string[]) =>
    isRoot
      ? execFileSync("runuser", ["-u", "postgres", "--", command, ...args], { cwd: dir, stdio: "pipe" })
      : execFileSync(command, args, { cwd: dir, stdio: "pipe" });
  const data = path.join(dir, "data");
  asPostgres(path.join(bin, "initdb"), ["-D", data, "-U", USER, "--auth=trust", "--encoding=UTF8", "--locale=C"]);
  // Memory as the README advises for a team server (PostgreSQL's defaults are sized for a small
  // machine: 128 MB of shared buffers, 4 MB of work memory).
  const memory = serverMemory(os.totalmem());
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c maintenance_work_mem=256MB -c shared_buffers=${memory.sharedBuffersMb}MB -c effective_cache_size=${memory.effectiveCacheMb}MB -c work_mem=16MB`;
  // PostgreSQL's huge_pages = try takes them when the host has enough set aside (vm.nr_hugepages).
  const hugePagesBefore = hugePagesTaken();
  asPostgres(path.join(bin, "pg_ctl"), ["-D", data, "-l", path.join(dir, "server.log"), "-w", "-t", "60", "-o", options, "start"]);
  const hugePagesAfter = hugePagesTaken();
  const stop = (mode: "fast" | "immediate") => {
    process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
    try {
      asPostgres(path.join(bin, "pg_ctl"), ["-D", data, "-m", mode, "-w", "stop"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  // A bench stopped with Ctrl-C or SIGTERM takes its server (and its gigabytes of data) with it.
  const onSignal = (signal: NodeJS.Signals) => {
    try {
      stop("immediate");
    } finally {
      process.exit(signal === "SIGINT" ? 130 : 143);
    }
  };
  process.once("SIGINT", onSignal).once("SIGTERM", onSignal);
  return {
    url: `postgres://${USER}@127.0.0.1:${port}/postgres`,
    pid: Number(fs.readFileSync(path.join(data, "postmaster.pid"), "utf8").split("\n")[0]),
    sharedBuffersMb: memory.sharedBuffersMb,
    hugePages: hugePagesBefore === null || hugePagesAfter === null ? null : hugePagesAfter > hugePagesBefore,
    stop: () => stop("fast"),
  };
}

/** The same server with another database name. */
export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

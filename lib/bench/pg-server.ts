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

export type PgServer = { url: string; /** The postmaster's process id. */ pid: number; stop(): void };

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
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c maintenance_work_mem=256MB`;
  asPostgres(path.join(bin, "pg_ctl"), ["-D", data, "-l", path.join(dir, "server.log"), "-w", "-t", "60", "-o", options, "start"]);
  return {
    url: `postgres://${USER}@127.0.0.1:${port}/postgres`,
    pid: Number(fs.readFileSync(path.join(data, "postmaster.pid"), "utf8").split("\n")[0]),
    stop() {
      try {
        asPostgres(path.join(bin, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "stop"]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The same server with another database name. */
export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

// Starts the built app on a fresh data folder (demo loaded) for benchmarks that drive a browser.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export function findChromium(): string | null {
  const candidates = [process.env.PLAYWRIGHT_CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean) as string[];
  return candidates.find((file) => fs.existsSync(file)) ?? null;
}

export async function startApp(log: (message: string) => void): Promise<{ url: string; stop: () => void; dataDir: string }> {
  if (!fs.existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) {
    log("building the app (next build)…");
    const build = spawnSync("npx", ["next", "build"], { stdio: ["ignore", "ignore", "inherit"] });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ripe-bench-ui-"));
  const env = { ...process.env, RIPE_DATA_DIR: dataDir };
  const prepare = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/prepare.ts"], {
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (prepare.status !== 0) throw new Error("prepare (migrate + demo) failed");
  const port = await freePort();
  const child: ChildProcess = spawn("npx", ["next", "start", "-p", String(port)], {
    env: { ...env, PORT: String(port) },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error("the app did not start within 60 s");
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return {
    url,
    dataDir,
    stop: () => {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        /* already gone */
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// App instances for the load benchmark and the many-instances e2e scenario: `next start` of the
// production build on a free loopback port, ready once /api/ready answers; stopped with SIGTERM
// (SIGKILL after 15 s).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { freePort } from "./app-server";

export type Instance = { url: string; child: ChildProcess };

export async function startInstance(env: NodeJS.ProcessEnv, nodeArgs: string[] = []): Promise<Instance> {
  const port = await freePort();
  const next = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  const child = spawn(process.execPath, [...nodeArgs, next, "start", "-H", "127.0.0.1", "-p", String(port)], {
    env: { ...env, PORT: String(port) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/api/ready`)).ok) return { url, child };
    } catch {
      /* not up yet */
    }
    if (child.exitCode !== null) throw new Error(`an app instance exited with ${child.exitCode} while starting`);
    if (Date.now() > deadline) throw new Error("an app instance did not become ready within 90 s");
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

export async function stopInstance(instance: Instance) {
  if (instance.child.exitCode !== null) return;
  const exited = new Promise((resolve) => instance.child.once("exit", resolve));
  instance.child.kill("SIGTERM");
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
  if (instance.child.exitCode === null) instance.child.kill("SIGKILL");
}

// What the load benchmark reads of processes and the machine from /proc (Linux): a process
// tree's resident memory and CPU time, and how busy the machine's cores were.
import fs from "node:fs";

/** Calls `each` with a process and each of its descendants (Linux /proc). */
function visitTree(pid: number, each: (id: number) => void) {
  const visit = (id: number) => {
    try {
      each(id);
      for (const task of fs.readdirSync(`/proc/${id}/task`)) {
        const children = fs.readFileSync(`/proc/${id}/task/${task}/children`, "utf8").trim();
        for (const child of children ? children.split(/\s+/) : []) visit(Number(child));
      }
    } catch {
      /* exited meanwhile */
    }
  };
  visit(pid);
}

/** Resident memory of a process and its descendants, in MB. */
export function treeRssMb(pid: number): number {
  let kb = 0;
  visitTree(pid, (id) => (kb += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${id}/status`, "utf8"))?.[1] ?? 0)));
  return kb / 1024;
}

/** CPU seconds (user + system) a process and its live descendants have used: less noisy than latency on a shared machine. */
export function treeCpuSeconds(pid: number): number {
  let ticks = 0;
  visitTree(pid, (id) => {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = fs.readFileSync(`/proc/${id}/stat`, "utf8").split(") ").at(-1)!.split(" ");
    ticks += Number(fields[11]) + Number(fields[12]);
  });
  return ticks / 100; // USER_HZ is 100 on Linux
}

/** The machine's CPU time so far, busy and in all (the first line of /proc/stat; Linux). */
export function machineTicks(): { busy: number; total: number } {
  try {
    const fields = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((sum, value) => sum + value, 0);
    return { busy: total - fields[3] - (fields[4] ?? 0), total }; // idle and iowait are not busy
  } catch {
    return { busy: 0, total: 0 };
  }
}

// A scratch file for a bulk load's search words (import-file.ts `termsFile`), read back by the
// search build (lib/jobs/search-job.ts) in the same process. Private to this process's run: the
// caller removes it when the build is done or left to the app (which then computes the words).
// The folder's name carries the process id, so a run killed before it could remove its folder
// (kill -9) has it removed by the next run that makes one.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isProcessRunning } from "../process-running";

export type TermsFile = { path: string; remove(): void };

const PREFIX = "ripe-terms-";

export function createTermsFile(options: { tmpDir?: string } = {}): TermsFile {
  const tmpDir = options.tmpDir ?? os.tmpdir();
  removeAbandoned(tmpDir);
  const folder = fs.mkdtempSync(path.join(tmpDir, `${PREFIX}${process.pid}-`));
  return { path: path.join(folder, "request-terms.csv"), remove: () => fs.rmSync(folder, { recursive: true, force: true }) };
}

/** Removes the terms folders of processes that no longer run (a folder of a live one is its run's). */
function removeAbandoned(tmpDir: string) {
  let names: string[];
  try {
    names = fs.readdirSync(tmpDir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = new RegExp(`^${PREFIX}(\\d+)-`).exec(name)?.[1];
    if (!pid || isProcessRunning(Number(pid))) continue;
    fs.rmSync(path.join(tmpDir, name), { recursive: true, force: true });
  }
}

// A scratch file for a bulk load's search words (import-file.ts `termsFile`), read back by the
// search build (lib/jobs/search-job.ts) in the same process. Private to this process's run: the
// caller removes it when the build is done or left to the app (which then computes the words).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type TermsFile = { path: string; remove(): void };

export function createTermsFile(): TermsFile {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "ripe-terms-"));
  return { path: path.join(folder, "request-terms.csv"), remove: () => fs.rmSync(folder, { recursive: true, force: true }) };
}

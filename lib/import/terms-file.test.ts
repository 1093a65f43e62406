import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createTermsFile } from "./terms-file";

describe("createTermsFile", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  const tmp = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ripe-test-terms-"));
    dirs.push(dir);
    return dir;
  };

  it("removes the folders of killed runs, keeps those of running processes and other folders", () => {
    const tmpDir = tmp();
    // A process id that no longer runs: a child that has exited.
    const gone = spawnSync(process.execPath, ["-e", ""]).pid!;
    const abandoned = path.join(tmpDir, `ripe-terms-${gone}-abc123`);
    fs.mkdirSync(abandoned);
    fs.writeFileSync(path.join(abandoned, "request-terms.csv"), "1,'word'\n");
    const live = path.join(tmpDir, `ripe-terms-${process.ppid}-def456`);
    fs.mkdirSync(live);
    const other = path.join(tmpDir, "ripe-terms-old-format");
    fs.mkdirSync(other);

    const file = createTermsFile({ tmpDir });
    expect(fs.existsSync(abandoned)).toBe(false);
    expect(fs.existsSync(live)).toBe(true);
    expect(fs.existsSync(other)).toBe(true);
    expect(path.basename(path.dirname(file.path))).toMatch(new RegExp(`^ripe-terms-${process.pid}-`));
    fs.writeFileSync(file.path, "x");
    file.remove();
    expect(fs.existsSync(path.dirname(file.path))).toBe(false);
  });
});

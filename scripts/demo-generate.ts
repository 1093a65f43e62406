// npm run demo:generate [-- --photos DIR] [--out DIR]: rebuilds the demo dataset (demo/) from the
// photos (default: the demo's own demo/sources, with their attribution). Deterministic, so the committed folder only changes when the generator does.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { generateDemo } from "../lib/demo/generate";

const { values } = parseArgs({
  options: {
    photos: { type: "string", default: "demo/sources" },
    out: { type: "string", default: "demo" },
    quiet: { type: "boolean", default: false },
  },
});

const outDir = path.resolve(process.cwd(), values.out);
let photosDir = path.resolve(process.cwd(), values.photos);
// The generator rebuilds outDir/sources: photos read from there are copied aside first.
if (photosDir === outDir || photosDir.startsWith(outDir + path.sep)) {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), "ripe-demo-photos-"));
  fs.cpSync(photosDir, copy, { recursive: true });
  photosDir = copy;
}
const started = Date.now();
try {
  const summary = await generateDemo({ photosDir, outDir, onProgress: values.quiet ? undefined : (message) => console.log(message) });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `Wrote ${path.relative(process.cwd(), outDir) || "."}: ${summary.sftRows} SFT rows (${summary.editTypes.length} edit types), ` +
      `${summary.preferenceRows} preference rows, ${summary.sessions.length} multi-turn sessions, ${summary.scoreLines} judge scores, ` +
      `${summary.photos.length} source photos in ${seconds} s.`,
  );
} catch (error) {
  console.error(`demo:generate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

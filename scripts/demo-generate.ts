// npm run demo:generate [-- --photos DIR] [--out DIR]: rebuilds the demo dataset (demo/) from the
// shared photos. Deterministic, so the committed folder only changes when the generator does.
import path from "node:path";
import { parseArgs } from "node:util";
import { generateDemo } from "../lib/demo/generate";

const { values } = parseArgs({
  options: {
    photos: { type: "string", default: "../shared/photos" },
    out: { type: "string", default: "demo" },
    quiet: { type: "boolean", default: false },
  },
});

const photosDir = path.resolve(process.cwd(), values.photos);
const outDir = path.resolve(process.cwd(), values.out);
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

// The demo folder's README and ATTRIBUTION, written from what was actually generated so the
// numbers and the licence lines cannot drift from the files.
import { GROUPS, groupOf, isKnownEditType } from "../taxonomy";

export type DemoSummary = {
  sftRows: number;
  preferenceRows: number;
  sessions: { id: number; turns: number }[];
  scoreLines: number;
  editTypes: string[];
  photos: string[];
  flaws: { image: string; flaw: string }[];
  decisionLines: number;
};

/** The attribution table rows (verbatim) whose file cell names one of `photos`. */
export function attributionRows(photos: readonly string[], attributionSource: string): string[] {
  return attributionSource.split("\n").filter((line) => {
    if (!line.startsWith("| ") || line.startsWith("| file ") || line.startsWith("|---")) return false;
    const fileCell = line.split("|")[1] ?? "";
    return photos.some((name) => new RegExp(`(^|[\\s,])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}([\\s,(]|$)`).test(fileCell));
  });
}

function tableHeader(attributionSource: string): string[] {
  const lines = attributionSource.split("\n");
  const start = lines.findIndex((line) => line.startsWith("| file "));
  return start >= 0 ? lines.slice(start, start + 2) : ["| file | original | Debian package | licence / provenance |", "|---|---|---|---|"];
}

export function attributionText(photos: readonly string[], attributionSource: string): string {
  return [
    "# Attribution",
    "",
    "The demo's source photos (`sources/`) are unmodified copies of the resized photographs in the",
    "project's shared photo set; every image under `images/` is derived from them by the operations",
    "in `lib/demo/`. Each photo's line from the photo set's own ATTRIBUTION.md, verbatim:",
    "",
    ...tableHeader(attributionSource),
    ...attributionRows(photos, attributionSource),
    "",
    "The full notice travels beside the copies as `sources/ATTRIBUTION.md`.",
    "",
  ].join("\n");
}

export function readmeText(summary: DemoSummary, attributionSource: string): string {
  const groups = [...new Set(summary.editTypes.filter(isKnownEditType).map(groupOf))];
  const unknown = summary.editTypes.filter((type) => !isKnownEditType(type));
  const turns = summary.sessions.map((session) => `${session.id} (${session.turns} turns)`).join(", ");
  return [
    "# Ripe demo dataset",
    "",
    "A small dataset in the Apple Pico-Banana-400K format, made so Ripe can be tried without",
    "downloading anything: real photographs, edit instructions, edited candidates, failed attempts",
    "and judge scores. Regenerate it with `npm run demo:generate` (deterministic; it reads the shared",
    "photos and rewrites this folder).",
    "",
    "## Files",
    "",
    `- \`sft.jsonl\`: ${summary.sftRows} edit requests (keys \`open_image_input_url\`, \`text\`, \`output_image\`, \`edit_type\`, \`summarized_text\`),`,
    `  ${summary.editTypes.length} edit types covering ${groups.length} of the taxonomy's ${GROUPS.length} groups` +
      (unknown.length
        ? `, including one type outside the taxonomy (${unknown.map((type) => `"${type}"`).join(", ")}) to show that unknown types are kept`
        : "") +
      ".",
    `- \`preference.jsonl\`: ${summary.preferenceRows} rows whose pass came on a retry: the chosen \`output_image\``,
    "  (`*_retry1.jpg` / `*_retry2.jpg`, also in the SFT file) and the earlier failed attempts in",
    "  `rejected_images` (`images/negative-edit/<n>_attempt<k>.jpg`).",
    `- \`multi-turn.jsonl\`: ${summary.sessions.length} sessions, ${turns}; each turn edits the previous turn's output.`,
    `- \`judge-scores.jsonl\`: ${summary.scoreLines} judgements, one per candidate image (SFT outputs, rejected attempts, multi-turn turns).`,
    `- \`decisions.jsonl\`: ${summary.decisionLines} human decisions (Ripe's decision format) by two reviewers, ann and ben, on the`,
    "  first part of the dataset. They come from the generator's own record of how each candidate was made:",
    "  a planted flaw or a failed attempt is rejected with matching reason tags, the rest accepted; ben is",
    "  unsure about barely visible edits. A convenience sample (no inclusion probabilities): the audit says so.",
    "- `sources/`: the source photos; `images/`: the candidates; `ATTRIBUTION.md`: licences.",
    "",
    "Paths are relative to this folder (the dataset base), so `open_image_input_url` is a relative",
    "`sources/…` path here instead of the Flickr URL of the real dataset. Lines are written like",
    "Python's `json.dumps` (separators `\", \"` and `\": \"`, official key order, non-ASCII raw).",
    "",
    "## How the candidates were made",
    "",
    "Every candidate is a real image operation run with sharp on the photos (code in `lib/demo/`):",
    "colour-tone matrices, sepia with seeded film grain and vignette, zoom crops, outpainting by",
    "mirrored and blurred canvas extension, posterised cartoon and ink-line stylisation, a painterly",
    "texture from Van Gogh's The Starry Night, SVG text, objects cut from other photos with soft masks",
    "(the ladybird, the butterfly), hue-selective recolouring, storm/rain, winter/snow and golden-hour",
    "relighting. One pair is a real edit made by a person: `ela-original.jpg` ↔ `ela-modified.jpg`",
    "(a penguin sticker added to a notebook), used in both directions (add and remove).",
    "Outputs are JPEG (quality 82), sized like an editor's output (multiples of 16, longest side",
    "512–640 px), so they rarely match the source's size or aspect ratio.",
    "",
    "Some candidates are deliberately poor: the rejected attempts (under-edits, wrong region, wrong",
    "crop, destroyed colours, heavy JPEG artifacts, a stretched \"outpainting\"), and a few passing",
    "outputs with a planted flaw for an auditor to find:",
    "",
    ...summary.flaws.map((entry) => `- \`${entry.image}\`: ${entry.flaw}`),
    "",
    "## Judge scores",
    "",
    "`judge-scores.jsonl` comes from Ripe's offline metrics judge (`metrics/pixel-v1`), which scores only",
    "what pixels can tell: **preservation balance** (how much of the source survives, after aligning",
    "the two frames) and **technical quality** (sharpness, clipping, noise, JPEG blockiness).",
    "Instruction compliance and seamlessness need a vision judge and are `null`; so is `overall`,",
    "which Ripe recomputes from the scored criteria and the dataset's weights. Expect it to miss",
    "exactly what a pixel metric cannot see, such as a wrong crop or a missing object.",
    "",
    "## Licences",
    "",
    "The photos come from Debian packages; each photo's licence line (verbatim from the photo set):",
    "",
    ...tableHeader(attributionSource),
    ...attributionRows(summary.photos, attributionSource),
    "",
    "The generated edits under `images/` are derived from these photos and carry their licences.",
    "The instructions and this dataset's structure are original to Ripe; the format follows",
    "Pico-Banana-400K (Apple, CC BY-NC-ND 4.0), but no Pico-Banana data is included.",
    "",
  ].join("\n");
}

// Synthetic SFT manifests for benchmarks: edit types drawn with the real sft.jsonl
// distribution, realistic instruction lengths, Python json.dumps serialisation.
import fs from "node:fs";
import { once } from "node:events";
import { pythonDumps } from "../manifest/python-json";
import { seededRandom } from "../random";
import { EDIT_TYPES } from "../taxonomy";

const COMMON =
  "the a of and with to in on its while ensuring keeping natural lighting color seamlessly realistic preserving details matching perspective edges soft".split(
    " ",
  );
const SYLLABLES =
  "ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo fu ga ge gi go gu la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu".split(
    " ",
  );

/** A vocabulary of 4,000 pseudo-words drawn with a Zipf-like skew, like real instruction text. */
export const VOCABULARY: string[] = (() => {
  const random = seededRandom(7);
  const words = new Set<string>();
  while (words.size < 4000) {
    const length = 2 + Math.floor(random() * 3);
    let word = "";
    for (let index = 0; index < length; index++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    words.add(word);
  }
  return [...words];
})();

function pickWord(random: () => number): string {
  if (random() < 0.45) return COMMON[Math.floor(random() * COMMON.length)];
  // Zipf-like: index ~ N^u concentrates mass on the first words.
  return VOCABULARY[Math.min(VOCABULARY.length - 1, Math.floor(VOCABULARY.length ** random()) - 1)];
}

function sentence(random: () => number, words: number): string {
  const parts: string[] = [];
  for (let index = 0; index < words; index++) parts.push(pickWord(random));
  const text = parts.join(" ");
  return text[0].toUpperCase() + text.slice(1) + ".";
}

export function editTypeSampler(random: () => number): () => string {
  const total = EDIT_TYPES.reduce((sum, entry) => sum + entry.sftRows, 0);
  const cumulative: number[] = [];
  let running = 0;
  for (const entry of EDIT_TYPES) cumulative.push((running += entry.sftRows / total));
  return () => {
    const value = random();
    const index = cumulative.findIndex((edge) => value < edge);
    return EDIT_TYPES[index === -1 ? EDIT_TYPES.length - 1 : index].editType;
  };
}

export async function writeSyntheticSft(file: string, rows: number, seed = 42): Promise<void> {
  const random = seededRandom(seed);
  const pickType = editTypeSampler(random);
  const out = fs.createWriteStream(file);
  let buffer = "";
  for (let index = 1; index <= rows; index++) {
    const text = sentence(random, 35 + Math.floor(random() * 30));
    const short = random() < 0.05 ? text : sentence(random, 8 + Math.floor(random() * 8));
    const retry = random() < 0.18 ? `_retry${random() < 0.63 ? 1 : 2}` : "";
    const record = {
      open_image_input_url: `https://farm${1 + (index % 9)}.staticflickr.com/${1000 + (index % 8000)}/${9_000_000_000 + index}_${((index * 2654435761) >>> 0).toString(16)}_o.jpg`,
      text,
      output_image: `images/positive-edit/${index}${retry}.png`,
      edit_type: pickType(),
      summarized_text: short,
    };
    buffer += `${pythonDumps(record, true)}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, "drain");
      buffer = "";
    }
  }
  out.end(buffer);
  await once(out, "finish");
}

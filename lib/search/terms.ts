// Text search is by words: an instruction's words (both instructions, lower-cased, letters and
// digits) are stored once as a tsvector, and a query matches the items whose words start with
// every word of the query ("sky" finds "sky" and "skyline"; "red car" needs both). Computed
// here rather than with to_tsvector so the import and the background build do it in JS (several
// times cheaper than PostgreSQL's parser in the embedded database's WASM) and so the query side
// splits words exactly as the stored side did. Drizzle-free: pure functions, tested beside.

const ASCII = /^[\x00-\x7f]*$/;
const ASCII_SPLIT = /[^a-z0-9]+/;
const WORD = /[\p{L}\p{N}]+/gu;
/** Words longer than this are cut (tsvector lexemes are limited to 2 KB; nobody searches for 200 letters). */
const MAX_WORD = 200;
const MAX_QUERY_WORDS = 16;

/** The distinct words of a text, lower-cased, in first-seen order; isPlain: all of [a-z0-9] (nothing to escape). */
function splitWords(text: string): { words: string[]; isPlain: boolean } {
  const lower = text.toLowerCase();
  const isPlain = ASCII.test(lower);
  const parts = isPlain ? lower.split(ASCII_SPLIT) : (lower.normalize("NFC").match(WORD) ?? []);
  const words = new Set<string>();
  for (const part of parts) if (part) words.add(part.length > MAX_WORD ? part.slice(0, MAX_WORD) : part);
  return { words: [...words], isPlain };
}

/** The distinct words of a text, lower-cased, in first-seen order. */
export function wordsOf(text: string): string[] {
  return splitWords(text).words;
}

function lexeme(word: string): string {
  return `'${word.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/** tsvector input text for both instructions of a request (no positions: search matches words, not phrases). */
export function termsOf(text: string, summarizedText: string): string {
  const { words, isPlain } = splitWords(`${text} ${summarizedText}`);
  if (words.length === 0) return "";
  // Words of ASCII text are letters and digits only: nothing to escape (the common case, and the
  // checking worker of a bulk load runs this for every request).
  if (isPlain) return `'${words.join("' '")}'`;
  return words.map(lexeme).join(" ");
}

/** tsquery text for what a person typed: every word, each as a prefix; null when it has no word at all. */
export function queryOf(typed: string): string | null {
  const words = wordsOf(typed).slice(0, MAX_QUERY_WORDS);
  if (words.length === 0) return null;
  return words.map((word) => `${lexeme(word)}:*`).join(" & ");
}

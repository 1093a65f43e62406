// Text search is by words: an instruction's words (both instructions, lower-cased, letters and
// digits) are stored once as a tsvector, and a query matches the items whose words start with
// every word of the query ("sky" finds "sky" and "skyline"; "red car" needs both). Computed
// here rather than with to_tsvector so the import and the background build do it in JS (several
// times cheaper than PostgreSQL's parser in the embedded database's WASM) and so the query side
// splits words exactly as the stored side did. Drizzle-free: pure functions, tested beside.

const WORD = /[\p{L}\p{N}]+/gu;
/** Words longer than this are cut (tsvector lexemes are limited to 2 KB; nobody searches for 200 letters). */
const MAX_WORD = 200;
const MAX_QUERY_WORDS = 16;

/**
 * The distinct words of a text, lower-cased, in first-seen order; isPlain: all of [a-z0-9] (nothing
 * to escape). One pass over the characters for ASCII text (a bulk load's checking worker runs
 * this for every request: a quarter faster than a regular-expression split), the Unicode word
 * pattern as soon as a character is not ASCII.
 */
function splitWords(text: string): { words: string[]; isPlain: boolean } {
  const lower = text.toLowerCase();
  const words = new Set<string>();
  let start = -1;
  for (let index = 0; index <= lower.length; index++) {
    const code = index < lower.length ? lower.charCodeAt(index) : 32;
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) {
      if (start < 0) start = index;
      continue;
    }
    if (code > 127) return { words: unicodeWords(lower), isPlain: false };
    if (start < 0) continue;
    words.add(lower.slice(start, Math.min(index, start + MAX_WORD)));
    start = -1;
  }
  return { words: [...words], isPlain: true };
}

function unicodeWords(lower: string): string[] {
  const words = new Set<string>();
  for (const part of lower.normalize("NFC").match(WORD) ?? []) words.add(part.length > MAX_WORD ? part.slice(0, MAX_WORD) : part);
  return [...words];
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
  return termsAndWords(text, summarizedText).terms;
}

/** termsOf, and the distinct words in it (for the words list, lib/db/queries/search-words.ts). */
export function termsAndWords(text: string, summarizedText: string): { terms: string; words: string[] } {
  const { words, isPlain } = splitWords(`${text} ${summarizedText}`);
  if (words.length === 0) return { terms: "", words };
  // Words of ASCII text are letters and digits only: nothing to escape (the common case, and the
  // checking worker of a bulk load runs this for every request).
  if (isPlain) return { terms: `'${words.join("' '")}'`, words };
  return { terms: words.map(lexeme).join(" "), words };
}

/** The words of what a person typed that a query uses (at most 16). */
export function typedWords(typed: string): string[] {
  return wordsOf(typed).slice(0, MAX_QUERY_WORDS);
}

/**
 * The stored words a typed word stands for, when known: all the words that start with it (none at
 * all when nothing does). null: too many to list, or not looked up.
 */
export type Expansion = ReadonlyMap<string, readonly string[] | null>;

/**
 * tsquery text for what a person typed: every word, each as a prefix; null when it has no word at
 * all. With `expansion`, a word whose stored words are listed becomes those words, exactly
 * ('sky' | 'skyline'), or itself exactly when none starts with it. The same matches, found faster:
 * the words index intersects exact words by skipping through their lists, where a prefix makes it
 * gather every posting of every word it covers first (60 against 12 ms for a frequent and a rarer
 * word together at 1.6M requests).
 */
export function queryOf(typed: string, expansion?: Expansion): string | null {
  const words = typedWords(typed);
  if (words.length === 0) return null;
  return words
    .map((word) => {
      const stored = expansion?.get(word);
      if (!stored) return `${lexeme(word)}:*`;
      if (stored.length === 0) return lexeme(word);
      return stored.length === 1 ? lexeme(stored[0]) : `(${stored.map(lexeme).join(" | ")})`;
    })
    .join(" & ");
}

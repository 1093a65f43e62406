// The WHERE condition of a text search (the browse filter `q`) over candidates c, in one place
// because it takes three forms: the words index (request_terms), the words index or a substring
// scan while a bulk import's words are still being built, and a literal LIKE when what was typed
// has no word to look up. The two-step words page needs to know which it got (`words`), and
// writes its walk's match with wordsProbe, the same condition in the form a walk needs, and takes
// the matching requests themselves from matchingRequests.
import { queryOf, wordsOf, type Expansion } from "../../search/terms";

export type SearchClause = {
  clause: string;
  /** The condition reads the instructions: the query must join requests r. */
  needsRequest: boolean;
  /** Set when the condition is the words index alone: it, and its tsquery parameter. */
  words?: { clause: string; param: string };
};

/** Substring match over both instructions: the fallback while a dataset's search words are being built. */
const SCAN_EXPRESSION = "lower(r.text || ' ' || r.summarized_text)";

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (match) => `\\${match}`);
}

/** The ids of the requests whose words match the tsquery `param` (from the words index). */
export function matchingRequests(param: string): string {
  return `SELECT t.request_id FROM request_terms t WHERE t.terms @@ ${param}::tsquery`;
}

/** Candidate c's words match the tsquery `param`, as EXISTS: the form a WHERE clause over candidates takes. */
export function wordsExist(param: string): string {
  return `EXISTS (SELECT 1 FROM request_terms t WHERE t.request_id = c.request_id AND t.terms @@ ${param}::tsquery)`;
}

/**
 * The same match as a scalar subquery probing candidate c's own words row: for a walk over a few
 * thousand candidates in page order (browse-search.ts), where the planner must not turn the probe
 * into a hash join over all of the word's matches (it did with EXISTS, misled by its estimate:
 * 185-590 ms for a 3-letter prefix at 1.6M, where the probes take 7-84 ms).
 */
export function wordsProbe(param: string): string {
  return `(SELECT t.terms FROM request_terms t WHERE t.request_id = c.request_id) @@ ${param}::tsquery`;
}

/**
 * The condition for what was typed; its values are pushed onto `params` (numbered after those
 * already there). `hasBacklog`: some requests of the dataset may still lack their search words.
 * `expansion`: the stored words the typed ones stand for (search-words.ts expandTyped), if looked up.
 */
export function searchClause(typed: string, params: unknown[], hasBacklog: boolean, expansion?: Expansion): SearchClause {
  const query = queryOf(typed, expansion);
  if (query === null) {
    // Nothing but punctuation: no word to look up, so match it literally.
    params.push(`%${escapeLike(typed.toLowerCase())}%`);
    return { clause: `${SCAN_EXPRESSION} LIKE $${params.length}`, needsRequest: true };
  }
  if (!hasBacklog) {
    params.push(query);
    const clause = wordsExist(`$${params.length}`);
    return { clause, needsRequest: false, words: { clause, param: `$${params.length}` } };
  }
  // Every typed word as a substring (what the scan can check; a superset of the word-prefix match).
  const scanWords = wordsOf(typed).slice(0, 16);
  params.push(
    query,
    scanWords.map((word) => `%${escapeLike(word)}%`),
  );
  const [q, s] = [`$${params.length - 1}`, `$${params.length}`];
  const scan = `${SCAN_EXPRESSION} LIKE ALL (${s}::text[])`;
  return {
    clause: `(${wordsExist(q)} OR (NOT EXISTS (SELECT 1 FROM request_terms u WHERE u.request_id = c.request_id) AND ${scan}))`,
    needsRequest: true,
  };
}

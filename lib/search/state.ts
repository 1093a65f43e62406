// Whether text search is served by its index yet (drizzle-free: the dataset page's notice reads it).
export type SearchState = { isReady: true } | { isReady: false; stage: "indexes" | "words"; done: number; total: number; percent: number };

/** The line the dataset page shows while the search index is being built (null once it is ready). */
export function searchStateNotice(state: SearchState): string | null {
  if (state.isReady) return null;
  const progress =
    state.stage === "words" && state.total > 0 ? `${state.percent}% of ${state.total.toLocaleString("en")} instructions` : "starting";
  return `Search index building (${progress}). Search works meanwhile, but is slower and matches any text containing your words.`;
}

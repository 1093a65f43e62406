// The cookie that names the current reviewer, and the reviewer when there is none: read by the
// server (lib/db/queries/reviewers.ts) and the top bar, which shows who is reviewing.
export const REVIEWER_COOKIE = "ripe_reviewer";
export const DEFAULT_REVIEWER = "local";

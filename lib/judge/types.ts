// What the judge screen lists: plain data, drizzle-free. Filled by lib/db/queries/judge-jobs.ts.

export type JudgeTypeOption = { editType: string; group: string; candidates: number; unjudged: number };

export type JobErrorRow = { candidateId: number; error: string; raw: string | null; createdAt: string };

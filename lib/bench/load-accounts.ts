// The reviewers of the load benchmark and how each one gets a session.
// (Until accounts exist every client acts as the default reviewer.)
export type BenchAccount = { reviewer: string; signIn(baseUrl: string): Promise<Record<string, string>> };

export async function createBenchReviewers(_env: NodeJS.ProcessEnv, count: number): Promise<BenchAccount[]> {
  return Array.from({ length: count }, () => ({ reviewer: "local", signIn: async () => ({}) }));
}

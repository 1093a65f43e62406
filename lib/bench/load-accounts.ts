// The reviewers of the load benchmark: one account each (member of the site, reviewer on the
// dataset), created through the same path as `npm run user -- add`, and signed in over HTTP
// through better-auth's email endpoint like a browser, keeping the session cookie it sets.
import crypto from "node:crypto";
import { createAuth } from "../auth/auth";
import { createAccount } from "../auth/create-account";
import type { DbHandle } from "../db/client";
import { reviewerForUser, setDatasetRole } from "../db/queries/accounts";

export type BenchAccount = { reviewer: string; signIn(baseUrl: string): Promise<Record<string, string>> };

export async function createBenchReviewers(handle: DbHandle, datasetId: number, count: number): Promise<BenchAccount[]> {
  const auth = createAuth(handle);
  const password = crypto.randomBytes(12).toString("base64url");
  const accounts: BenchAccount[] = [];
  for (let index = 1; index <= count; index++) {
    const email = `reviewer${index}@load.bench`;
    const name = `Load reviewer ${index}`;
    const user = await createAccount(auth, handle, { email, password, name, role: "member" });
    await setDatasetRole(handle, datasetId, user.id, "reviewer");
    // The reviewer row the account's decisions will point at (what the count afterwards groups by).
    const reviewer = await reviewerForUser(handle, { id: user.id, email, name });
    accounts.push({ reviewer: reviewer.name, signIn: (baseUrl) => signIn(baseUrl, email, password) });
  }
  return accounts;
}

async function signIn(baseUrl: string, email: string, password: string): Promise<Record<string, string>> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${email} → ${response.status} ${(await response.text()).slice(0, 200)}`);
  const cookie = response.headers
    .getSetCookie()
    .map((entry) => entry.split(";")[0])
    .join("; ");
  return { cookie };
}

import "server-only";
// Creates an account with a password through better-auth's own adapter and hasher (what its
// admin plugin does): the first-start screen and `npm run user -- add` both come here. The
// owner screen's "only once" is held by a lock in this process and a count inside it.
import type { DbHandle } from "../db/client";
import { countUsers, findUserByEmail } from "../db/queries/accounts";
import type { NewAccount } from "./account-schemas";
import type { Auth } from "./auth";

export class AccountError extends Error {}

export async function createAccount(auth: Auth, db: DbHandle, account: NewAccount): Promise<{ id: string; email: string }> {
  if (await findUserByEmail(db, account.email)) throw new AccountError(`An account for ${account.email} exists already.`);
  const context = await auth.$context;
  const hash = await context.password.hash(account.password);
  const user = await context.internalAdapter.createUser(
    {
      email: account.email,
      name: account.name || account.email,
      emailVerified: false,
      role: account.role,
    },
    { method: "admin" },
  );
  await context.internalAdapter.linkAccount({ providerId: "credential", accountId: user.id, userId: user.id, password: hash });
  return { id: user.id, email: user.email };
}

let ownerQueue: Promise<unknown> = Promise.resolve();

/** The first-start owner: refused once any account exists (checked under a lock, so two tabs can't both win). */
export function createFirstOwner(auth: Auth, db: DbHandle, account: Omit<NewAccount, "role">) {
  const attempt = ownerQueue.then(async () => {
    if ((await countUsers(db)) > 0) throw new AccountError("This site has an owner already; sign in instead.");
    return createAccount(auth, db, { ...account, role: "owner" });
  });
  ownerQueue = attempt.catch(() => undefined);
  return attempt;
}

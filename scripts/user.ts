// npm run user -- add --email E (--password P | --password-stdin) [--role owner|admin|member] [--name N]
//                  list [--json]
//                  disable --email E   |   enable --email E
//                  role --email E --dataset NAME --role owner|reviewer|viewer|none
//                  token --email E [--name N] [--read-only] [--days D]
// Accounts from the command line, the operator's tool (full rights on the local data): the same
// account creation as the first-start screen, through better-auth's hasher. On PGlite, stop the
// app first (the data folder has one opener). Every change is written to the admin log as "cli".
import { newAccountSchema } from "../lib/auth/account-schemas";
import { createAuth } from "../lib/auth/auth";
import { AccountError, createAccount } from "../lib/auth/create-account";
import { DATASET_ROLES, type DatasetRole } from "../lib/auth/roles";
import { TOKEN_DAYS_DEFAULT, tokenDaysSchema } from "../lib/auth/token-expiry";
import { die, flag, parseArgs } from "../lib/cli/args";
import { openForCli } from "../lib/cli/open";
import { findUserByEmail, listUsers, LockOutError, setDatasetRole, setUserDisabled } from "../lib/db/queries/accounts";
import { CLI_ACTOR, logAdmin } from "../lib/db/queries/admin-log";
import { createApiToken } from "../lib/db/queries/api-tokens";
import { findDataset } from "../lib/db/queries/datasets";

const USAGE = `usage:
  npm run user -- add --email E (--password P | --password-stdin) [--role owner|admin|member] [--name NAME]
  npm run user -- list [--json]
  npm run user -- disable --email E     (ends its sessions; enable --email E undoes it)
  npm run user -- role --email E --dataset NAME --role owner|reviewer|viewer|none
  npm run user -- token --email E [--name NAME] [--read-only] [--days D]   (prints a new API token once; it expires
                   after D days: 90 unless said, at most 365)`;

let args: ReturnType<typeof parseArgs>;
try {
  args = parseArgs(process.argv.slice(2), ["json", "help", "password-stdin", "read-only"]);
} catch (error) {
  die(`${(error as Error).message}\n${USAGE}`);
}
const command = args.positional[0];
if (flag(args, "help") || !command) {
  console.log(USAGE);
  process.exit(command ? 0 : 1);
}
if (!["add", "list", "disable", "enable", "role", "token"].includes(command)) die(`unknown command ${JSON.stringify(command)}\n${USAGE}`);

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

// Everything is checked before the database is opened.
const password = flag(args, "password-stdin") ? await readStdin() : flag(args, "password");
const email = flag(args, "email");
if (command !== "list" && !email) die(`--email is required\n${USAGE}`);
const newAccount =
  command === "add"
    ? newAccountSchema.safeParse({ email, password, name: flag(args, "name"), role: flag(args, "role") ?? "member" })
    : null;
if (newAccount && !newAccount.success) {
  die(newAccount.error.issues.map((issue) => `--${String(issue.path[0])}: ${issue.message}`).join("; "));
}
const datasetRole = flag(args, "role");
const tokenDays = command === "token" ? tokenDaysSchema.safeParse(Number(flag(args, "days") ?? TOKEN_DAYS_DEFAULT)) : null;
if (tokenDays && !tokenDays.success) die(`--days: ${tokenDays.error.issues[0].message}\n${USAGE}`);
if (command === "role" && !(datasetRole === "none" || DATASET_ROLES.includes(datasetRole as DatasetRole))) {
  die(`--role must be one of ${DATASET_ROLES.join(", ")} or none\n${USAGE}`);
}

const handle = await openForCli("user CLI");
try {
  if (newAccount?.success) {
    const created = await createAccount(createAuth(handle), handle, newAccount.data);
    await logAdmin(handle, { actor: CLI_ACTOR, action: "account.create", target: created.email, details: { role: newAccount.data.role } });
    console.log(`created ${created.email} (${newAccount.data.role})`);
  } else if (command === "list") {
    const users = await listUsers(handle);
    const rows = users.map(({ email, name, role, disabled, createdAt }) => ({
      email,
      name,
      role,
      disabled,
      created: createdAt.toISOString(),
    }));
    if (flag(args, "json")) console.log(JSON.stringify(rows, null, 2));
    else if (rows.length === 0) console.log("no accounts yet (the first start shows the owner screen, or: npm run user -- add)");
    else for (const row of rows) console.log(`${row.email}\t${row.role}${row.disabled ? "\tdisabled" : ""}\t${row.created}`);
  } else {
    const user = await findUserByEmail(handle, email!);
    if (!user) throw new AccountError(`no account for ${email}; npm run user -- list shows them`);
    if (command === "disable" || command === "enable") {
      await setUserDisabled(handle, user.id, command === "disable");
      await logAdmin(handle, { actor: CLI_ACTOR, action: `account.${command}`, target: user.email });
      console.log(`${user.email} ${command}d${command === "disable" ? " (its sessions ended)" : ""}`);
    } else if (command === "token") {
      const isReadOnly = Boolean(flag(args, "read-only"));
      const name = flag(args, "name") ?? "cli token";
      const created = await createApiToken(handle, user.id, { name, isReadOnly, days: tokenDays!.data });
      const expires = created.expiresAt.toISOString();
      await logAdmin(handle, {
        actor: CLI_ACTOR,
        action: "token.create",
        target: user.email,
        details: { name, readOnly: isReadOnly, expires },
      });
      // The only time the secret is shown: stdout alone, so `$(npm run -s user -- token …)` captures it.
      console.error(`API token "${name}" for ${user.email}${isReadOnly ? " (read-only)" : ""}, expires ${expires}; it is shown once:`);
      console.log(created.token);
    } else {
      const name = flag(args, "dataset");
      const dataset = name ? await findDataset(handle, name) : undefined;
      if (!dataset) throw new AccountError(`--dataset: no dataset named ${JSON.stringify(name ?? "")}`);
      await setDatasetRole(handle, dataset.id, user.id, datasetRole === "none" ? null : (datasetRole as DatasetRole));
      await logAdmin(handle, {
        actor: CLI_ACTOR,
        action: "member.role",
        target: user.email,
        details: { dataset: dataset.name, role: datasetRole === "none" ? null : datasetRole },
      });
      console.log(`${user.email} on ${dataset.name}: ${datasetRole}`);
    }
  }
} catch (error) {
  await handle.close();
  if (error instanceof AccountError || error instanceof LockOutError) die(error.message);
  throw error;
}
await handle.close();

// The server's settings from the environment, parsed in one place with zod. Read through env(),
// which parses again only when one of the settings' variables changed (so tests that change
// process.env between cases see their values); `npm start` calls checkEnv() first so a bad value stops it with a clear message.
import path from "node:path";
import { z } from "zod";

const list = (separator: RegExp) =>
  z
    .string()
    .optional()
    .transform((value) =>
      (value ?? "")
        .split(separator)
        .map((entry) => entry.trim())
        .filter(Boolean),
    );

const positive = (fallback: number, what: string) =>
  z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value.trim() === "") return fallback;
      const parsed = Number(value);
      if (!Number.isFinite(parsed) || parsed <= 0) {
        context.addIssue({ code: "custom", message: `expected ${what} (a positive number), got ${JSON.stringify(value)}` });
        return z.NEVER;
      }
      return parsed;
    });

const flag = (fallback: boolean) =>
  z
    .enum(["0", "1", "true", "false", ""])
    .optional()
    .transform((value) => (value === undefined || value === "" ? fallback : value === "1" || value === "true"));

const url = z
  .string()
  .optional()
  .transform((value, context) => {
    if (!value?.trim()) return null;
    try {
      const parsed = new URL(value.trim());
      if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error("not http(s)");
      return parsed;
    } catch {
      context.addIssue({
        code: "custom",
        message: `expected an http(s) URL such as https://ripe.example.org, got ${JSON.stringify(value)}`,
      });
      return z.NEVER;
    }
  });

const envSchema = z.object({
  PORT: positive(3000, "a port"),
  /** The address `npm start` binds to; 127.0.0.1 unless the operator says otherwise. */
  HOST: z
    .string()
    .optional()
    .transform((value) => value?.trim() || "127.0.0.1"),
  /** The address people use (https://ripe.example.org): its host is allowed, cookies get Secure. */
  RIPE_PUBLIC_URL: url,
  /** More host names (or host:port) the server answers to, comma-separated. */
  RIPE_ALLOWED_HOSTS: list(/,/),
  RIPE_DATA_DIR: z.string().optional(),
  DATABASE_URL: z.string().optional(),
  /** Folders local image bases may lie under (path-list separated by ":" or ","). */
  RIPE_IMAGE_ROOTS: list(/[,:]/),
  /** URL prefixes images may be fetched from (comma-separated); a host may start with "*.". */
  RIPE_REMOTE_BASES: list(/,/),
  RIPE_FETCH_FLICKR: flag(true),
  /** host[:port] entries a remote fetch may reach although they resolve to a private address. */
  RIPE_FETCH_PRIVATE_HOSTS: list(/,/),
  /** s3://bucket/prefix/ bases datasets may use, comma-separated (none: S3 is off). */
  RIPE_S3_BASES: list(/,/),
  /** An S3-compatible endpoint (MinIO, R2, GCS interop…); empty: AWS. Credentials: the AWS SDK's chain. */
  RIPE_S3_ENDPOINT: url,
  RIPE_S3_REGION: z
    .string()
    .optional()
    .transform((value) => value?.trim() || process.env.AWS_REGION || "us-east-1"),
  RIPE_S3_FORCE_PATH_STYLE: flag(false),
  RIPE_REMOTE_MAX_MB: positive(50, "megabytes"),
  RIPE_REMOTE_TIMEOUT_S: positive(20, "seconds"),
  RIPE_REMOTE_PER_HOST: positive(4, "a number of fetches"),
  RIPE_IMAGE_MAX_MEGAPIXELS: positive(100, "megapixels"),
  RIPE_MAX_UPLOAD_MB: positive(1024, "megabytes"),
  RIPE_MAX_UPLOADS_PER_USER: positive(1, "a number of uploads"),
  RIPE_MAX_UPLOADS: positive(3, "a number of uploads"),
  RIPE_MIN_FREE_DISK_MB: positive(1024, "megabytes"),
  RIPE_SKIP_DEMO: flag(false),
  /** Gzip HTML and JSON responses (read by next.config.ts at start; validated here so a typo is named). */
  RIPE_COMPRESS: flag(false),
  /** Signs session cookies; set it when several instances share one database (else one is kept in the data folder). */
  BETTER_AUTH_SECRET: z
    .string()
    .optional()
    .transform((value) => value?.trim() || null)
    .refine((value) => value === null || value.length >= 32, "must be at least 32 characters (try `openssl rand -base64 32`)"),
  /** Sign-in attempts allowed per address and per account in RIPE_SIGN_IN_WINDOW_S seconds. */
  RIPE_SIGN_IN_ATTEMPTS: positive(5, "a number of attempts"),
  RIPE_SIGN_IN_WINDOW_S: positive(60, "seconds"),
  /** How long a session lasts without use, in days. */
  RIPE_SESSION_DAYS: positive(7, "days"),
  /** Single sign-on (lib/auth/sso.ts): an OpenID Connect issuer, with the client Ripe is registered as there. */
  RIPE_OIDC_ISSUER: url,
  RIPE_OIDC_CLIENT_ID: z
    .string()
    .optional()
    .transform((value) => value?.trim() || null),
  RIPE_OIDC_CLIENT_SECRET: z
    .string()
    .optional()
    .transform((value) => value?.trim() || null),
  /** The sign-in button reads "Sign in with <name>". */
  RIPE_OIDC_NAME: z
    .string()
    .optional()
    .transform((value) => value?.trim() || "Single sign-on"),
  /** off: only emails that already have an account may sign in by SSO; member: the first SSO sign-in creates a member account. */
  RIPE_OIDC_NEW_ACCOUNTS: z
    .enum(["off", "member", ""])
    .optional()
    .transform((value) => (value === "member" ? "member" : "off")),
  /** Leased background jobs (lib/jobs): how long a lease lasts without a heartbeat, and how often it is renewed. */
  RIPE_JOB_LEASE_MS: positive(30_000, "milliseconds"),
  /** Unset (0): a third of the lease, so two missed heartbeats still leave it held. */
  RIPE_JOB_HEARTBEAT_MS: positive(0, "milliseconds"),
  /** How often an idle instance looks for work. */
  RIPE_JOB_POLL_MS: positive(1_000, "milliseconds"),
  /** Jobs one instance runs at once. */
  RIPE_JOB_SLOTS: positive(2, "a number of jobs"),
  /** 0: this instance serves pages but runs no background jobs (another instance or `npm run worker` does). */
  RIPE_WORKER: flag(true),
  /** SIGTERM: how long to wait for in-flight work to save and release its leases before exiting anyway. */
  RIPE_SHUTDOWN_TIMEOUT_MS: positive(20_000, "milliseconds"),
});

const checkedSchema = envSchema.superRefine((settings, context) => {
  if (settings.RIPE_OIDC_ISSUER && !(settings.RIPE_OIDC_CLIENT_ID && settings.RIPE_OIDC_CLIENT_SECRET)) {
    context.addIssue({
      code: "custom",
      path: ["RIPE_OIDC_CLIENT_ID"],
      message: "RIPE_OIDC_ISSUER is set: set RIPE_OIDC_CLIENT_ID and RIPE_OIDC_CLIENT_SECRET too (the client registered at the provider)",
    });
  }
});

export type Env = z.output<typeof envSchema>;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = checkedSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  throw new EnvError(`Ripe cannot start: bad setting in the environment\n${lines.join("\n")}`);
}

const ENV_NAMES = Object.keys(envSchema.shape);
let parsedEnv: { key: string; settings: Env } | null = null;

export function env(): Env {
  // Every request reads settings several times (host guard, image policy, auth): the zod parse
  // cost ~1 ms of CPU per request under load, comparing the raw values costs microseconds.
  const key = ENV_NAMES.map((name) => process.env[name] ?? "\u0000").join("\u0001");
  if (parsedEnv?.key !== key) parsedEnv = { key, settings: parseEnv(process.env) };
  return parsedEnv.settings;
}

/** The data folder: the embedded database, caches and uploads. */
export function dataDir(): string {
  return path.resolve(process.env.RIPE_DATA_DIR || path.join(process.cwd(), "data"));
}

/** The demo dataset's folder (images are served from it by default). */
export function demoDir(): string {
  return path.join(process.cwd(), "demo");
}

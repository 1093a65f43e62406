// Where images may come from is the operator's choice, never a request's: local bases must lie
// under RIPE_IMAGE_ROOTS (default: the data folder and the demo), remote ones must match an
// allowed URL prefix (default: the Pico-Banana CDN and Open Images' hosts, RIPE_REMOTE_BASES more).
import fs from "node:fs";
import path from "node:path";
import { dataDir, demoDir, env } from "../env";
import { CDN_BASE } from "../taxonomy";
import { isInside, isRemote } from "./paths";
import { parseS3, type S3Location } from "./s3-location";

/** Open Images' sources: Flickr's static hosts and the dataset's own mirrors. */
export const OPEN_IMAGES_PREFIXES = [
  "https://storage.googleapis.com/openimages/",
  "https://s3.amazonaws.com/open-images-dataset/",
] as const;
export const FLICKR_PREFIX = "https://*.staticflickr.com/";

export type RemotePrefix = { text: string; protocol: string; host: string; isWildcard: boolean; port: string; pathPrefix: string };

export type ImagePolicy = {
  /** Real paths of the folders local bases and mirrors must lie under. */
  roots: string[];
  remotePrefixes: RemotePrefix[];
  /** host or host:port entries whose private addresses a fetch may reach (tests, an in-house mirror). */
  privateHosts: Set<string>;
  /** s3://bucket/prefix/ bases the operator allows (RIPE_S3_BASES). */
  s3Bases: S3Location[];
  maxRemoteBytes: number;
  timeoutMs: number;
  perHost: number;
  maxPixels: number;
};

export function parsePrefix(text: string): RemotePrefix | null {
  const match = /^(https?):\/\/(\*\.)?([^/]+)(\/.*)?$/i.exec(text.trim());
  if (!match) return null;
  try {
    const url = new URL(`${match[1]}://${match[3]}${match[4] ?? "/"}`);
    const pathPrefix = url.pathname.endsWith("/") ? url.pathname : `${url.pathname}/`;
    return { text, protocol: url.protocol, host: url.hostname.toLowerCase(), isWildcard: Boolean(match[2]), port: url.port, pathPrefix };
  } catch {
    return null;
  }
}

export function matchesPrefix(url: URL, prefix: RemotePrefix): boolean {
  if (url.protocol !== prefix.protocol || url.port !== prefix.port) return false;
  const host = url.hostname.toLowerCase();
  const isHostMatch = prefix.isWildcard ? host.endsWith(`.${prefix.host}`) : host === prefix.host;
  return isHostMatch && (url.pathname + "/").startsWith(prefix.pathPrefix) && !url.pathname.split("/").includes("..");
}

function realFolder(folder: string): string | null {
  try {
    const real = fs.realpathSync(path.resolve(folder));
    return fs.statSync(real).isDirectory() ? real : null;
  } catch {
    return null;
  }
}

/** The policy of the last settings seen: every image request asks, and the roots' realpaths cost syscalls. */
let memo: { signature: string; policy: ImagePolicy } | null = null;

export function imagePolicy(): ImagePolicy {
  const settings = env();
  const rootList = settings.RIPE_IMAGE_ROOTS.length ? settings.RIPE_IMAGE_ROOTS : [dataDir(), demoDir()];
  const signature = JSON.stringify([settings, rootList]);
  if (memo?.signature === signature) return memo.policy;
  const policy = buildPolicy(settings, rootList);
  // A root that does not exist yet (a data folder made later) is looked for again next time.
  memo = policy.roots.length === rootList.length ? { signature, policy } : null;
  return policy;
}

function buildPolicy(settings: ReturnType<typeof env>, rootList: string[]): ImagePolicy {
  const prefixes = [
    CDN_BASE,
    ...OPEN_IMAGES_PREFIXES,
    ...(settings.RIPE_FETCH_FLICKR ? [FLICKR_PREFIX] : []),
    ...settings.RIPE_REMOTE_BASES,
  ];
  return {
    roots: rootList.map(realFolder).filter((root): root is string => root !== null),
    remotePrefixes: prefixes.map(parsePrefix).filter((prefix): prefix is RemotePrefix => prefix !== null),
    privateHosts: new Set(settings.RIPE_FETCH_PRIVATE_HOSTS.map((host) => host.toLowerCase())),
    s3Bases: settings.RIPE_S3_BASES.map((base) => parseS3(base.endsWith("/") ? base : `${base}/`)).filter(
      (base): base is S3Location => base !== null,
    ),
    maxRemoteBytes: settings.RIPE_REMOTE_MAX_MB * 1024 * 1024,
    timeoutMs: settings.RIPE_REMOTE_TIMEOUT_S * 1000,
    perHost: settings.RIPE_REMOTE_PER_HOST,
    maxPixels: Math.round(settings.RIPE_IMAGE_MAX_MEGAPIXELS * 1_000_000),
  };
}

export function isAllowedUrl(url: URL, policy: ImagePolicy): boolean {
  return policy.remotePrefixes.some((prefix) => matchesPrefix(url, prefix));
}

/** An S3 object or prefix under one of the allowed S3 bases (keys are compared as normalised text). */
export function isAllowedS3(location: S3Location, policy: ImagePolicy): boolean {
  return (
    !location.key.split("/").includes("..") &&
    policy.s3Bases.some((base) => base.bucket === location.bucket && location.key.startsWith(base.key))
  );
}

/** The real folder of a local base or mirror, or null when it is missing or not under a root. */
export function allowedFolder(folder: string, policy: ImagePolicy): string | null {
  const real = realFolder(folder);
  return real && policy.roots.some((root) => isInside(root, real)) ? real : null;
}

export type BaseCheck = { ok: true; base: string } | { ok: false; error: string };

/** Checks a base an admin or the CLI wants to set; returns the form to store. */
export function checkBase(value: string, policy: ImagePolicy = imagePolicy()): BaseCheck {
  const base = value.trim();
  if (!base) return { ok: false, error: "base: empty" };
  if (base.includes("\0")) return { ok: false, error: "base: contains a NUL character" };
  if (base.startsWith("s3://")) {
    const location = parseS3(base.endsWith("/") ? base : `${base}/`);
    if (!location) return { ok: false, error: `base: ${base} is not an S3 address (s3://bucket/prefix/)` };
    if (!isAllowedS3(location, policy)) {
      const allowed = policy.s3Bases.map((entry) => `s3://${entry.bucket}/${entry.key}`).join(", ");
      return { ok: false, error: `base: ${base} is not under an allowed S3 base (${allowed || "none: the operator sets RIPE_S3_BASES"})` };
    }
    return { ok: true, base: `s3://${location.bucket}/${location.key}` };
  }
  if (isRemote(base)) {
    let url: URL;
    try {
      url = new URL(base.endsWith("/") ? base : `${base}/`);
    } catch {
      return { ok: false, error: `base: ${base} is not a valid URL` };
    }
    if (url.username || url.password) return { ok: false, error: "base: URLs with credentials are refused" };
    if (!isAllowedUrl(url, policy)) {
      return {
        ok: false,
        error: `base: ${url.href} is not under an allowed image URL prefix (${policy.remotePrefixes.map((prefix) => prefix.text).join(", ")}); the operator can add one with RIPE_REMOTE_BASES`,
      };
    }
    return { ok: true, base: url.href };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(base)) return { ok: false, error: "base: must be an http(s) URL or a folder on the server" };
  const resolved = path.resolve(base);
  if (!realFolder(resolved)) return { ok: false, error: `base: the folder ${resolved} does not exist on the server` };
  if (!allowedFolder(resolved, policy)) {
    return {
      ok: false,
      error: `base: the folder ${resolved} is not under an image root (${policy.roots.join(", ") || "none configured"}); the operator can add one with RIPE_IMAGE_ROOTS`,
    };
  }
  return { ok: true, base };
}

import "server-only";
// Fetching an image from an allowed remote prefix, as an attacker on the network would wish it
// didn't: every hop of a redirect is checked against the allowlist again, the address a socket
// connects to is checked after DNS resolution (no loopback, private or link-local unless the host
// is listed in RIPE_FETCH_PRIVATE_HOSTS), the body is capped while it streams, the whole exchange
// has a deadline, a host gets a few fetches at a time, and one URL is fetched once however many
// requests ask for it at once. Fetched bytes are cached on disk under a key of the normalised URL.
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { isPrivateAddress } from "../net/addresses";
import { ImageError } from "./errors";
import { cachedFetch, withHostSlot } from "./fetch-cache";
import { isAllowedUrl, type ImagePolicy } from "./sources";

const MAX_REDIRECTS = 3;

const isListed = (url: URL, policy: ImagePolicy) =>
  policy.privateHosts.has(url.hostname.toLowerCase()) || policy.privateHosts.has(url.host.toLowerCase());

/** A DNS lookup for the socket that refuses private addresses: the address checked is the one used. */
function guardedLookup(url: URL, policy: ImagePolicy): net.LookupFunction {
  const isAllowedPrivate = isListed(url, policy);
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const usable = (addresses as dns.LookupAddress[]).filter((entry) => isAllowedPrivate || !isPrivateAddress(entry.address));
      if (usable.length === 0)
        return callback(Object.assign(new Error(`${hostname} resolves to a private address`), { code: "RIPE_PRIVATE" }), "", 0);
      if ((options as dns.LookupAllOptions).all) return callback(null, usable);
      callback(null, usable[0].address, usable[0].family);
    });
  };
}

function checkHop(url: URL, policy: ImagePolicy) {
  if (!isAllowedUrl(url, policy)) throw new ImageError(`${url.origin} is not an allowed image source`, "refused");
  if (net.isIP(url.hostname.replace(/^\[|\]$/g, "")) && isPrivateAddress(url.hostname) && !isListed(url, policy)) {
    throw new ImageError(`${url.host} is a private address`, "refused");
  }
}

type Hop = { redirect: URL } | { bytes: Buffer };

function requestOnce(url: URL, policy: ImagePolicy, deadline: number): Promise<Hop> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === "https:" ? https : http;
    const request = client.get(
      url,
      { lookup: guardedLookup(url, policy), headers: { accept: "image/*", "user-agent": "Ripe image fetcher" } },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400 && response.headers.location) {
          response.resume();
          try {
            resolve({ redirect: new URL(response.headers.location, url) });
          } catch {
            reject(new ImageError(`${url.host} redirected to an invalid address`, "unreachable"));
          }
          return;
        }
        if (status !== 200) {
          response.resume();
          const reason = status === 404 || status === 410 ? "not-found" : "unreachable";
          reject(new ImageError(`${url.host} answered ${status} for ${url.pathname}`, reason, reason === "not-found" ? 404 : 502));
          return;
        }
        const declared = Number(response.headers["content-length"] ?? NaN);
        if (declared > policy.maxRemoteBytes) {
          response.destroy();
          reject(
            new ImageError(
              `${url.pathname} is ${Math.round(declared / 1e6)} MB, over the ${Math.round(policy.maxRemoteBytes / 1e6)} MB remote image limit`,
              "too-large",
            ),
          );
          return;
        }
        const chunks: Buffer[] = [];
        let received = 0;
        response.on("data", (chunk: Buffer) => {
          received += chunk.length;
          if (received > policy.maxRemoteBytes) {
            response.destroy();
            reject(
              new ImageError(`${url.pathname} is over the ${Math.round(policy.maxRemoteBytes / 1e6)} MB remote image limit`, "too-large"),
            );
            return;
          }
          chunks.push(chunk);
        });
        response.on("end", () => resolve({ bytes: Buffer.concat(chunks) }));
        response.on("error", (error) => reject(new ImageError(`${url.host}: ${error.message}`, "unreachable")));
      },
    );
    const timer = setTimeout(
      () => request.destroy(Object.assign(new Error("timed out"), { code: "RIPE_TIMEOUT" })),
      Math.max(1, deadline - Date.now()),
    );
    request.on("close", () => clearTimeout(timer));
    request.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "RIPE_PRIVATE") reject(new ImageError(`${url.hostname} resolves to a private address`, "refused"));
      else if (error.code === "RIPE_TIMEOUT")
        reject(new ImageError(`${url.host} did not answer within ${Math.round(policy.timeoutMs / 1000)} s`, "unreachable", 504));
      else reject(new ImageError(`${url.host} is unreachable (${error.code ?? error.message})`, "unreachable"));
    });
  });
}

async function download(url: URL, policy: ImagePolicy): Promise<Buffer> {
  const deadline = Date.now() + policy.timeoutMs;
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    checkHop(current, policy);
    const target = current;
    const result = await withHostSlot(target.host, policy.perHost, () => requestOnce(target, policy, deadline));
    if ("bytes" in result) return result.bytes;
    current = result.redirect;
  }
  throw new ImageError(`${url.host}: more than ${MAX_REDIRECTS} redirects`, "unreachable");
}

/** The bytes at an allowed URL, from the disk cache or fetched once (concurrent callers share it). */
export async function fetchRemote(url: URL, policy: ImagePolicy): Promise<Buffer> {
  checkHop(url, policy);
  return cachedFetch(url.href, () => download(url, policy));
}

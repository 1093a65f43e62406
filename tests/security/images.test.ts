// Findings 1–3 of the security review, reproduced on loopback and refused: reading files outside
// the image roots (a base of /etc or /proc/self, "..", NUL, symlinks out of the base, non-image
// files beside the images), SSRF (private addresses, redirects to other hosts), unbounded remote
// fetches (size, time, concurrency) and one cache entry per spelling of a path.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ImageError } from "@/lib/images/errors";
import { loadImage } from "@/lib/images/resolve";
import { checkBase, imagePolicy } from "@/lib/images/sources";
import { serveImage } from "@/lib/images/thumbnails";
import { makeTempDir } from "@/lib/testing/test-db";

const savedEnv = { ...process.env };
let root: string;
let base: string;
let png: Buffer;

type Remote = { server: http.Server; port: number; hits: Map<string, number>; active: number; maxActive: number; closedEarly: number };
let remote: Remote;
let other: Remote;

function startServer(handler: (request: http.IncomingMessage, response: http.ServerResponse, state: Remote) => void): Promise<Remote> {
  return new Promise((resolve) => {
    const state = { hits: new Map<string, number>(), active: 0, maxActive: 0, closedEarly: 0 } as Remote;
    state.server = http.createServer((request, response) => {
      state.hits.set(request.url!, (state.hits.get(request.url!) ?? 0) + 1);
      state.active++;
      state.maxActive = Math.max(state.maxActive, state.active);
      response.on("close", () => state.active--);
      handler(request, response, state);
    });
    state.server.listen(0, "127.0.0.1", () => {
      state.port = (state.server.address() as AddressInfo).port;
      resolve(state);
    });
  });
}

async function refusal(work: Promise<unknown>): Promise<ImageError> {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ImageError);
  return error as ImageError;
}

beforeAll(async () => {
  root = makeTempDir("ripe-sec-root-");
  base = path.join(root, "dataset");
  fs.mkdirSync(path.join(base, "images"), { recursive: true });
  png = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#c83" } })
    .png()
    .toBuffer();
  fs.writeFileSync(path.join(base, "images", "a.png"), png);
  fs.writeFileSync(path.join(base, "README.md"), "# not an image\n");
  fs.writeFileSync(path.join(base, "fake.png"), '{"json": true}\n');
  fs.symlinkSync("/etc/passwd", path.join(base, "images", "passwd.png"));
  fs.symlinkSync("/etc", path.join(base, "etc-link"));
  const bigOne = await sharp({ create: { width: 1500, height: 1000, channels: 3, background: "#123" } })
    .png()
    .toBuffer();
  fs.writeFileSync(path.join(base, "images", "big.png"), bigOne);
  fs.writeFileSync(path.join(base, "images", "broken.png"), Buffer.concat([png.subarray(0, 40), Buffer.alloc(200, 7)]));

  remote = await startServer((request, response, state) => {
    const url = new URL(request.url!, "http://x");
    if (url.pathname.endsWith("/img.png")) return void response.writeHead(200, { "content-type": "image/png" }).end(png);
    if (url.pathname === "/huge") {
      // 400 MB offered without a length: the fetch must stop at the cap while it streams.
      response.writeHead(200, { "content-type": "image/png" });
      const chunk = Buffer.concat([png, Buffer.alloc(1024 * 1024 - png.length)]);
      let sent = 0;
      const push = () => {
        while (sent < 400) {
          sent++;
          if (!response.write(chunk)) return void response.once("drain", push);
        }
        response.end();
      };
      response.on("close", () => {
        if (sent < 400) state.closedEarly++;
      });
      return push();
    }
    if (url.pathname === "/declared-huge")
      return void response.writeHead(200, { "content-type": "image/png", "content-length": String(400 * 1024 * 1024) }).end();
    if (url.pathname === "/slow") return; // never answers
    if (url.pathname.startsWith("/slowish")) return void setTimeout(() => response.writeHead(200).end(png), 150);
    if (url.pathname === "/text.png") return void response.writeHead(200, { "content-type": "image/png" }).end("secret=1\n");
    if (url.pathname === "/to-other") return void response.writeHead(302, { location: `http://127.0.0.1:${other.port}/img.png` }).end();
    if (url.pathname === "/to-metadata")
      return void response.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
    if (url.pathname === "/to-self") return void response.writeHead(301, { location: "/img.png" }).end();
    response.writeHead(404).end();
  });
  other = await startServer((_request, response) => void response.writeHead(200, { "content-type": "image/png" }).end(png));
});

afterAll(async () => {
  await new Promise((resolve) => remote.server.close(resolve));
  await new Promise((resolve) => other.server.close(resolve));
  remote.server.closeAllConnections();
});

function configure(extra: Record<string, string> = {}) {
  process.env = { ...savedEnv, RIPE_DATA_DIR: makeTempDir("ripe-sec-data-"), RIPE_IMAGE_ROOTS: root, ...extra };
}

afterEach(() => {
  process.env = { ...savedEnv };
});

describe("local bases stay under the operator's image roots", () => {
  it("refuses /etc and /proc/self as a base, and a base outside the roots", () => {
    configure();
    for (const wanted of ["/etc", "/proc/self", "/", path.dirname(root), `${base}/../..`]) {
      const checked = checkBase(wanted);
      expect(checked.ok, wanted).toBe(false);
    }
    expect(checkBase(base)).toEqual({ ok: true, base });
  });

  it("will not read /etc/passwd or the environment through a stored base outside the roots", async () => {
    configure();
    expect((await refusal(loadImage({ base: "/etc", mirrors: [] }, "passwd"))).reason).toBe("refused");
    expect((await refusal(loadImage({ base: "/proc/self", mirrors: [] }, "environ"))).status).toBe(403);
  });

  it("refuses traversal: .., NUL, backslashes, other schemes; a leading slash stays inside the base", async () => {
    configure();
    const config = { base, mirrors: [] };
    for (const attempt of [
      "../../../etc/passwd",
      "images/../../../etc/passwd",
      "..",
      "images/a.png\0.txt",
      "..\\..\\etc\\passwd",
      "file:///etc/passwd",
    ]) {
      expect((await refusal(loadImage(config, attempt))).reason, attempt).toBe("refused");
    }
    expect((await refusal(loadImage(config, "/etc/passwd"))).reason).toBe("not-found");
    expect((await refusal(loadImage(config, "%2e%2e/%2e%2e/etc/passwd"))).reason).toBe("not-found");
  });

  it("does not follow a symlink out of the base", async () => {
    configure();
    const config = { base, mirrors: [] };
    expect((await refusal(loadImage(config, "images/passwd.png"))).reason).toBe("refused");
    expect((await refusal(loadImage(config, "etc-link/passwd"))).reason).toBe("refused");
  });

  it("serves only images, judged by content: README.md and a JSON file named .png are refused", async () => {
    configure();
    const config = { base, mirrors: [] };
    expect((await refusal(loadImage(config, "README.md"))).status).toBe(415);
    expect((await refusal(loadImage(config, "fake.png"))).reason).toBe("not-an-image");
    const image = await loadImage(config, "./images//a.png");
    expect(image.mimeType).toBe("image/png");
    expect(image.bytes.equals(png)).toBe(true);
  });

  it("says when a dataset has no base", async () => {
    configure();
    const error = await refusal(loadImage({ base: null, mirrors: [] }, "images/a.png"));
    expect([error.reason, error.status]).toEqual(["no-base", 404]);
  });

  it("ignores mirror folders outside the roots", async () => {
    configure();
    expect((await refusal(loadImage({ base: null, mirrors: ["/etc"] }, "passwd"))).reason).toBe("no-base");
  });
});

describe("decoding is bounded", () => {
  it("answers 413 for an image over the pixel limit and 422 for a broken one, on thumbnails and originals", async () => {
    configure({ RIPE_IMAGE_MAX_MEGAPIXELS: "1" });
    const dataset = { id: 1, base, mirrors: [] };
    expect((await refusal(serveImage(dataset, "images/big.png", 256))).status).toBe(413);
    expect((await refusal(serveImage(dataset, "images/big.png", null))).status).toBe(413);
    expect((await refusal(serveImage(dataset, "images/broken.png", 256))).status).toBe(422);
    expect((await serveImage(dataset, "images/a.png", 256)).mimeType).toBe("image/webp");
  });
});

describe("remote bases and fetches", () => {
  const prefix = () => `http://127.0.0.1:${remote.port}/`;
  const allowRemote = (extra: Record<string, string> = {}) =>
    configure({ RIPE_REMOTE_BASES: prefix(), RIPE_FETCH_PRIVATE_HOSTS: `127.0.0.1:${remote.port}`, ...extra });

  it("refuses any URL as a base unless it is under an allowed prefix", () => {
    configure();
    for (const wanted of [
      prefix(),
      "http://169.254.169.254/latest/",
      "http://localhost:3000/",
      "https://evil.example/images/",
      "ftp://example.org/",
    ]) {
      expect(checkBase(wanted).ok, wanted).toBe(false);
    }
    const cdn = checkBase("https://ml-site.cdn-apple.com/datasets/pico-banana-300k/nb/");
    expect(cdn.ok).toBe(true);
  });

  it("refuses a loopback or private address even under an allowed prefix, unless the operator lists the host", async () => {
    configure({ RIPE_REMOTE_BASES: `${prefix()},http://localhost:${remote.port}/` });
    const url = `${prefix()}img.png`;
    expect((await refusal(loadImage({ base: null, mirrors: [] }, url))).reason).toBe("refused");
    // A name that resolves to loopback is caught after DNS resolution, at connect time.
    expect((await refusal(loadImage({ base: null, mirrors: [] }, `http://localhost:${remote.port}/img.png`))).reason).toBe("refused");
    expect(remote.hits.get("/img.png") ?? 0).toBe(0);
    allowRemote();
    expect((await loadImage({ base: null, mirrors: [] }, url)).bytes.equals(png)).toBe(true);
  });

  it("re-checks every redirect hop: to another host or a metadata address is refused, within the prefix is followed", async () => {
    allowRemote({ RIPE_REMOTE_BASES: `${prefix()},http://127.0.0.1:${other.port}/private/` });
    expect((await refusal(loadImage({ base: prefix(), mirrors: [] }, "to-other"))).reason).toBe("refused");
    expect(other.hits.size).toBe(0);
    expect((await refusal(loadImage({ base: prefix(), mirrors: [] }, "to-metadata"))).reason).toBe("refused");
    expect((await loadImage({ base: prefix(), mirrors: [] }, "to-self")).bytes.equals(png)).toBe(true);
  });

  it("stops a 400 MB response at the size cap while it streams, and refuses a declared one at once", async () => {
    allowRemote({ RIPE_REMOTE_MAX_MB: "5" });
    const before = process.memoryUsage().rss;
    const error = await refusal(loadImage({ base: prefix(), mirrors: [] }, "huge"));
    expect([error.reason, error.status]).toEqual(["too-large", 413]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(remote.closedEarly).toBe(1);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
    expect((await refusal(loadImage({ base: prefix(), mirrors: [] }, "declared-huge"))).status).toBe(413);
    expect(fs.existsSync(path.join(process.env.RIPE_DATA_DIR!, "cache", "remote"))).toBe(false);
  });

  it("gives up on a source that does not answer in time (504)", async () => {
    allowRemote({ RIPE_REMOTE_TIMEOUT_S: "0.5" });
    const error = await refusal(loadImage({ base: prefix(), mirrors: [] }, "slow"));
    expect([error.reason, error.status]).toEqual(["unreachable", 504]);
  });

  it("neither serves nor caches a remote file that is not an image", async () => {
    allowRemote();
    expect((await refusal(loadImage({ base: prefix(), mirrors: [] }, "text.png"))).reason).toBe("not-an-image");
    expect(fs.existsSync(path.join(process.env.RIPE_DATA_DIR!, "cache", "remote"))).toBe(false);
  });

  it("fetches eight spellings of one path once, into one cache entry", async () => {
    allowRemote();
    remote.hits.clear();
    const spellings = [
      "spell/img.png",
      "./spell/img.png",
      "././spell/img.png",
      "spell//img.png",
      "spell/./img.png",
      "x/../spell/img.png",
      "/spell/img.png",
      "//spell/img.png",
    ];
    const dataset = { id: 9, base: prefix(), mirrors: [] };
    const thumbs = await Promise.all(spellings.map((spelling) => serveImage(dataset, spelling, 160)));
    expect(new Set(thumbs.map((thumb) => thumb.etag)).size).toBe(1);
    expect(remote.hits.get("/spell/img.png")).toBe(1);
    const cached = fs
      .readdirSync(path.join(process.env.RIPE_DATA_DIR!, "cache", "remote"), { recursive: true })
      .filter((entry) => String(entry).length > 10);
    expect(cached).toHaveLength(1);
    expect(
      fs
        .readdirSync(path.join(process.env.RIPE_DATA_DIR!, "cache", "thumbs"), { recursive: true })
        .filter((entry) => String(entry).endsWith(".webp")),
    ).toHaveLength(1);
  });

  it("keeps to a few fetches per host at a time", async () => {
    allowRemote({ RIPE_REMOTE_PER_HOST: "2" });
    remote.maxActive = 0;
    await Promise.all(Array.from({ length: 8 }, (_, index) => loadImage({ base: prefix(), mirrors: [] }, `slowish/${index}/img.png`)));
    expect(remote.maxActive).toBeLessThanOrEqual(2);
    expect(imagePolicy().perHost).toBe(2);
  });
});

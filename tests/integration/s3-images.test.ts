// Images in S3-compatible storage, through the real AWS SDK against a real S3 server (s3rver, on
// loopback in this process): a dataset base of s3://bucket/prefix/ serves its images, keys outside
// the allowed prefix and buckets outside RIPE_S3_BASES are refused, and the usual caps hold.
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
// s3rver ships no types; its constructor takes these options.
// @ts-expect-error untyped package
import S3rver from "s3rver";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ImageError } from "@/lib/images/errors";
import { loadImage } from "@/lib/images/resolve";
import { checkBase } from "@/lib/images/sources";
import { makeTempDir } from "@/lib/testing/test-db";

const savedEnv = { ...process.env };
type Server = { run(): Promise<AddressInfo>; close(): Promise<void> };
let server: Server;
let endpoint: string;
let png: Buffer;

beforeAll(async () => {
  server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: makeTempDir("ripe-s3-") }) as Server;
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
  const s3 = new S3Client({
    endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    requestChecksumCalculation: "WHEN_REQUIRED",
  });
  png = await sharp({ create: { width: 32, height: 24, channels: 3, background: "#3a6" } })
    .png()
    .toBuffer();
  for (const bucket of ["ripe-images", "other-bucket"]) await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const put = (bucket: string, key: string, body: Buffer | string) =>
    s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  await put("ripe-images", "pico/images/a.png", png);
  await put("ripe-images", "pico/notes.png", "not an image at all");
  await put("ripe-images", "pico/images/big.png", Buffer.concat([png, Buffer.alloc(2 * 1024 * 1024)]));
  await put("ripe-images", "private/secret.png", png);
  await put("other-bucket", "pico/images/a.png", png);
});

afterAll(async () => {
  await server?.close();
});

afterEach(() => {
  process.env = { ...savedEnv };
});

function configure(extra: Record<string, string> = {}) {
  process.env = {
    ...savedEnv,
    RIPE_DATA_DIR: makeTempDir("ripe-s3-data-"),
    RIPE_S3_BASES: "s3://ripe-images/pico/",
    RIPE_S3_ENDPOINT: endpoint,
    RIPE_S3_FORCE_PATH_STYLE: "1",
    AWS_ACCESS_KEY_ID: "S3RVER",
    AWS_SECRET_ACCESS_KEY: "S3RVER",
    ...extra,
  };
}

async function failure(work: Promise<unknown>): Promise<ImageError> {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ImageError);
  return error as ImageError;
}

describe("S3 image bases", () => {
  it("accepts only bases under RIPE_S3_BASES", () => {
    configure();
    expect(checkBase("s3://ripe-images/pico/")).toEqual({ ok: true, base: "s3://ripe-images/pico/" });
    expect(checkBase("s3://ripe-images/pico/images")).toEqual({ ok: true, base: "s3://ripe-images/pico/images/" });
    for (const base of [
      "s3://ripe-images/",
      "s3://ripe-images/private/",
      "s3://other-bucket/pico/",
      "s3://ripe-images/pico/../private/",
      "s3://UPPER/x/",
    ]) {
      expect(checkBase(base).ok, base).toBe(false);
    }
    configure({ RIPE_S3_BASES: "" });
    expect(checkBase("s3://ripe-images/pico/")).toMatchObject({ ok: false, error: expect.stringContaining("RIPE_S3_BASES") });
  });

  it("reads an image through the real SDK and caches it", async () => {
    configure();
    const config = { base: "s3://ripe-images/pico/", mirrors: [] };
    const image = await loadImage(config, "./images//a.png");
    expect(image.mimeType).toBe("image/png");
    expect(image.bytes.equals(png)).toBe(true);
    expect(image.origin).toBe("s3://ripe-images/pico/images/a.png");
    expect(
      fs
        .readdirSync(path.join(process.env.RIPE_DATA_DIR!, "cache", "remote"), { recursive: true })
        .some((entry) => String(entry).length > 10),
    ).toBe(true);
  });

  it("refuses keys outside the prefix, missing keys, non-images and objects over the cap", async () => {
    configure({ RIPE_REMOTE_MAX_MB: "1" });
    const config = { base: "s3://ripe-images/pico/", mirrors: [] };
    expect((await failure(loadImage(config, "../private/secret.png"))).reason).toBe("refused");
    expect((await failure(loadImage(config, "images/missing.png"))).status).toBe(404);
    expect((await failure(loadImage(config, "notes.png"))).status).toBe(415);
    expect((await failure(loadImage(config, "images/big.png"))).status).toBe(413);
    // A stored base the operator no longer allows is refused, not read.
    expect((await failure(loadImage({ base: "s3://other-bucket/pico/", mirrors: [] }, "images/a.png"))).reason).toBe("refused");
  });

  it("says the storage is unreachable rather than failing with a 500", async () => {
    configure({ RIPE_S3_ENDPOINT: "http://127.0.0.1:9", RIPE_REMOTE_TIMEOUT_S: "2" });
    const error = await failure(loadImage({ base: "s3://ripe-images/pico/", mirrors: [] }, "images/a.png"));
    expect(error.reason).toBe("unreachable");
  });
});

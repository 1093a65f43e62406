import "server-only";
// Images in S3-compatible storage (a base of s3://bucket/prefix/), read with the AWS SDK: the
// endpoint, region and path style come from the environment, credentials from the SDK's chain,
// so AWS, MinIO, R2 and GCS interop all work. The operator lists the buckets and prefixes that may
// be used (RIPE_S3_BASES); reads get the same caps as other remote images (size while streaming,
// deadline, a few at a time per bucket) and share their disk cache.
import { GetObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { env } from "../env";
import { ImageError } from "./errors";
import { cachedFetch, withHostSlot } from "./fetch-cache";
import type { ImagePolicy } from "./sources";

import type { S3Location } from "./s3-location";

const globalForS3 = globalThis as unknown as { ripeS3?: { signature: string; client: S3Client } };

function client(): S3Client {
  const settings = env();
  const signature = JSON.stringify([settings.RIPE_S3_ENDPOINT?.href, settings.RIPE_S3_REGION, settings.RIPE_S3_FORCE_PATH_STYLE]);
  if (globalForS3.ripeS3?.signature !== signature) {
    globalForS3.ripeS3 = {
      signature,
      client: new S3Client({
        region: settings.RIPE_S3_REGION,
        ...(settings.RIPE_S3_ENDPOINT ? { endpoint: settings.RIPE_S3_ENDPOINT.href } : {}),
        forcePathStyle: settings.RIPE_S3_FORCE_PATH_STYLE,
        // Checksums only where S3 requires them: some S3-compatible servers refuse the others.
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
        maxAttempts: 2,
      }),
    };
  }
  return globalForS3.ripeS3.client;
}

async function readObject(location: S3Location, policy: ImagePolicy): Promise<Buffer> {
  const label = `s3://${location.bucket}/${location.key}`;
  let response;
  try {
    response = await client().send(new GetObjectCommand({ Bucket: location.bucket, Key: location.key }), {
      abortSignal: AbortSignal.timeout(policy.timeoutMs),
    });
  } catch (error) {
    if (error instanceof S3ServiceException) {
      if (error.name === "NoSuchKey" || error.$metadata.httpStatusCode === 404)
        throw new ImageError(`${label} does not exist`, "not-found");
      if (error.$metadata.httpStatusCode === 403) throw new ImageError(`${label}: access denied by the storage`, "refused");
    }
    const name = (error as Error).name;
    if (name === "TimeoutError" || name === "AbortError")
      throw new ImageError(`${label}: the storage did not answer within ${Math.round(policy.timeoutMs / 1000)} s`, "unreachable", 504);
    throw new ImageError(`${label}: the storage is unreachable (${(error as Error).message})`, "unreachable");
  }
  if ((response.ContentLength ?? 0) > policy.maxRemoteBytes) {
    (response.Body as { destroy?: () => void } | undefined)?.destroy?.();
    throw new ImageError(
      `${label} is ${Math.round(response.ContentLength! / 1e6)} MB, over the ${Math.round(policy.maxRemoteBytes / 1e6)} MB image limit`,
      "too-large",
    );
  }
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of response.Body as AsyncIterable<Uint8Array>) {
    received += chunk.length;
    if (received > policy.maxRemoteBytes) {
      (response.Body as { destroy?: () => void }).destroy?.();
      throw new ImageError(`${label} is over the ${Math.round(policy.maxRemoteBytes / 1e6)} MB image limit`, "too-large");
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/** The object's bytes, from the disk cache or read once (concurrent callers share the read). */
export async function fetchS3(location: S3Location, policy: ImagePolicy): Promise<Buffer> {
  return cachedFetch(`s3://${location.bucket}/${location.key}`, () =>
    withHostSlot(`s3:${location.bucket}`, policy.perHost, () => readObject(location, policy)),
  );
}

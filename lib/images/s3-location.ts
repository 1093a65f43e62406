// s3://bucket/key addresses (no SDK here: the settings page and base checks use it too).
export type S3Location = { bucket: string; key: string };

/** s3://bucket/key → its parts; null for anything else. */
export function parseS3(value: string): S3Location | null {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/(.*)$/.exec(value);
  return match ? { bucket: match[1], key: match[2] } : null;
}

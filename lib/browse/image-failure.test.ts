import { describe, expect, it } from "vitest";
import { describeImageFailure, FAILURE_LABELS } from "./image-failure";

describe("describeImageFailure", () => {
  it("takes the route's reason and message", () => {
    expect(describeImageFailure(404, { error: "Dataset 3 has no base for images/a.png", reason: "no-base" })).toEqual({
      reason: "no-base",
      message: "Dataset 3 has no base for images/a.png",
    });
    expect(FAILURE_LABELS["no-base"]).toBe("No base set");
  });
  it("falls back on the status when the body has no known reason", () => {
    expect(describeImageFailure(403, null).reason).toBe("refused");
    expect(describeImageFailure(504, { reason: "mystery" }).reason).toBe("unreachable");
    expect(describeImageFailure(415, "not json").message).toMatch(/not a picture/);
    expect(describeImageFailure(500, {}).reason).toBe("unknown");
  });
  it("reads bytes that arrived but would not decode as not an image", () => {
    expect(describeImageFailure(200, null).reason).toBe("not-an-image");
  });
});

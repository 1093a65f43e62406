// COPY's CSV: NULL is an unquoted empty field, an empty string a quoted one; quotes double.
import { describe, expect, it } from "vitest";
import { copyTable } from "./csv";
import { requests } from "./schema";

describe("copyTable", () => {
  const copy = copyTable(requests, ["id", "text", "summarizedText", "localSourceImage", "turn"]);

  it("names the SQL columns in the order of the keys", () => {
    expect(copy.table).toBe("requests");
    expect(copy.columns).toEqual(["id", "text", "summarized_text", "local_source_image", "turn"]);
  });

  it("writes NULL unquoted, strings quoted with quotes doubled, one line per row", () => {
    expect(copy.row({ id: 7, text: 'Say "hi", then,\nleave', summarizedText: "", localSourceImage: null, turn: undefined })).toBe(
      '7,"Say ""hi"", then,\nleave","",,\n',
    );
  });
});

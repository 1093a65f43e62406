// COPY's CSV: NULL is an unquoted empty field, an empty string a quoted one; quotes double.
// CsvBytes holds exactly the UTF-8 of what was appended, past its first buffer and with text of
// one to four bytes a character.
import { describe, expect, it } from "vitest";
import { copyTable, CsvBytes } from "./csv";
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

describe("CsvBytes", () => {
  it("is the UTF-8 of the parts appended, however many", () => {
    const bytes = new CsvBytes();
    expect(bytes.isEmpty).toBe(true);
    const parts: string[] = [];
    for (let index = 0; index < 20_000; index++)
      parts.push(String(index), index % 3 === 0 ? ',"warm ↔ cool","café",t\n' : index % 5 === 0 ? ',"東京 🍌",,\n' : ',"plain",f\n');
    parts.push("x".repeat(200_000)); // one part bigger than the buffer has grown to
    for (const part of parts) bytes.append(part);
    expect(bytes.isEmpty).toBe(false);
    expect(Buffer.from(bytes.bytes()).equals(Buffer.from(parts.join(""), "utf8"))).toBe(true);
  });
});

// Python `json.dumps` output for plain JSON values, as the Pico-Banana manifests were written:
// separators ", " and ": ", keys in insertion order, and by default ensure_ascii=False (non-ASCII
// such as "↔" written raw). Numbers use JavaScript's shortest round-trip form, which is Python's
// repr for every non-integral float in the range manifests and scores use.
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export type DumpsOptions = { ensureAscii?: boolean };

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
};

const hex4 = (code: number) => `\\u${code.toString(16).padStart(4, "0")}`;

function dumpString(value: string, ensureAscii: boolean): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const char = value[i];
    const code = value.charCodeAt(i);
    if (SHORT_ESCAPES[char]) out += SHORT_ESCAPES[char];
    else if (code < 0x20) out += hex4(code);
    // Python's ensure_ascii escapes everything outside space..tilde, UTF-16 unit by unit.
    else if (ensureAscii && (code < 0x20 || code > 0x7e)) out += hex4(code);
    else out += char;
  }
  return `${out}"`;
}

export function pythonJsonDumps(value: JsonValue, options: DumpsOptions = {}): string {
  const ensureAscii = options.ensureAscii ?? false;
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} as JSON: only finite numbers are allowed.`);
    return String(value);
  }
  if (typeof value === "string") return dumpString(value, ensureAscii);
  if (Array.isArray(value)) return `[${value.map((item) => pythonJsonDumps(item, options)).join(", ")}]`;
  const entries = Object.entries(value).map(([key, item]) => `${dumpString(key, ensureAscii)}: ${pythonJsonDumps(item, options)}`);
  return `{${entries.join(", ")}}`;
}

/** One JSONL file's text: one dumped value per line, each line ending in "\n". */
export function toJsonLines(values: readonly JsonValue[], options: DumpsOptions = {}): string {
  return values.map((value) => `${pythonJsonDumps(value, options)}\n`).join("");
}

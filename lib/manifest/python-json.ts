// Python json.dumps compatibility. Pico-Banana manifests are `json.dumps(obj)` output:
// separators ", " and ": ", keys in insertion order, non-ASCII either escaped (ensure_ascii,
// the default) or raw. Unchanged rows are exported from their original bytes; a changed row is
// rewritten by replacing only the changed values, so every other byte stays as it was read.

/** Serialises a string the way Python's json module does. */
const NEEDS_ESCAPE_ASCII = /["\\\u0000-\u001f\u007f-\uffff]/;
const NEEDS_ESCAPE_UTF8 = /["\\\u0000-\u001f]/;

export function pythonString(value: string, ensureAscii: boolean): string {
  // Most instruction text needs no escaping at all: skip the character loop.
  if (!(ensureAscii ? NEEDS_ESCAPE_ASCII : NEEDS_ESCAPE_UTF8).test(value)) return `"${value}"`;
  let out = '"';
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    const char = value[index];
    if (char === '"') out += '\\"';
    else if (char === "\\") out += "\\\\";
    else if (char === "\n") out += "\\n";
    else if (char === "\r") out += "\\r";
    else if (char === "\t") out += "\\t";
    else if (char === "\b") out += "\\b";
    else if (char === "\f") out += "\\f";
    else if (code < 0x20 || (ensureAscii && code > 0x7e)) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += char;
  }
  return `${out}"`;
}

/** A plain JSON value: what pythonDumps writes. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * json.dumps for plain JSON values, keys in insertion order. Numbers are written as JavaScript
 * prints them (its shortest round-trip form is Python's repr for every non-integral float the
 * manifests and scores use); a non-finite number is NaN, as Python's default allow_nan writes it.
 */
export function pythonDumps(value: unknown, ensureAscii: boolean): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return pythonString(value, ensureAscii);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "NaN";
  if (Array.isArray(value)) return `[${value.map((item) => pythonDumps(item, ensureAscii)).join(", ")}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return `{${entries.map(([key, item]) => `${pythonString(key, ensureAscii)}: ${pythonDumps(item, ensureAscii)}`).join(", ")}}`;
}

/** One JSONL file's text: one json.dumps line per value, each ending in "\n". */
export function toJsonLines(values: readonly JsonValue[], ensureAscii: boolean): string {
  return values.map((value) => `${pythonDumps(value, ensureAscii)}\n`).join("");
}

/**
 * Whether a line was written with ensure_ascii: a raw non-ASCII character means no; otherwise
 * yes (Python's default, and indistinguishable for pure-ASCII content).
 */
export function detectEnsureAscii(line: string): boolean {
  return !/[^\x00-\x7f]/.test(line);
}

export type RawEntry = { key: string; rawKey: string; rawValue: string };

/**
 * Splits a top-level JSON object line into its entries with each value's original text, so a
 * row can be rewritten value by value. Assumes the line already passed JSON.parse.
 */
export function splitObjectEntries(line: string): RawEntry[] {
  const entries: RawEntry[] = [];
  let index = skipSpace(line, 0);
  if (line[index] !== "{") throw new Error("not a JSON object");
  index = skipSpace(line, index + 1);
  if (line[index] === "}") return entries;
  for (;;) {
    const keyStart = index;
    index = skipString(line, index);
    const rawKey = line.slice(keyStart, index);
    index = skipSpace(line, index);
    index = skipSpace(line, index + 1); // ':'
    const valueStart = index;
    index = skipValue(line, index);
    entries.push({ key: JSON.parse(rawKey) as string, rawKey, rawValue: line.slice(valueStart, index) });
    index = skipSpace(line, index);
    if (line[index] === ",") {
      index = skipSpace(line, index + 1);
      continue;
    }
    return entries;
  }
}

/** Rewrites an object line with some values replaced; other values keep their original text. */
export function replaceValues(line: string, changes: Record<string, unknown>): string {
  const ensureAscii = detectEnsureAscii(line);
  const entries = splitObjectEntries(line);
  const seen = new Set<string>();
  const parts = entries.map((entry) => {
    seen.add(entry.key);
    const value = Object.hasOwn(changes, entry.key) ? pythonDumps(changes[entry.key], ensureAscii) : entry.rawValue;
    return `${entry.rawKey}: ${value}`;
  });
  for (const [key, value] of Object.entries(changes)) {
    if (!seen.has(key)) parts.push(`${pythonString(key, ensureAscii)}: ${pythonDumps(value, ensureAscii)}`);
  }
  return `{${parts.join(", ")}}`;
}

function skipSpace(text: string, index: number): number {
  while (index < text.length && (text[index] === " " || text[index] === "\t" || text[index] === "\n" || text[index] === "\r")) index++;
  return index;
}

function skipString(text: string, index: number): number {
  index++; // opening quote
  while (index < text.length) {
    const char = text[index];
    if (char === "\\") index += 2;
    else if (char === '"') return index + 1;
    else index++;
  }
  throw new Error("unterminated string");
}

function skipValue(text: string, index: number): number {
  const char = text[index];
  if (char === '"') return skipString(text, index);
  if (char === "{" || char === "[") {
    let depth = 0;
    while (index < text.length) {
      const current = text[index];
      if (current === '"') {
        index = skipString(text, index);
        continue;
      }
      if (current === "{" || current === "[") depth++;
      else if (current === "}" || current === "]") {
        depth--;
        if (depth === 0) return index + 1;
      }
      index++;
    }
    throw new Error("unterminated value");
  }
  while (index < text.length && !/[,}\]\s]/.test(text[index])) index++;
  return index;
}

// CSV text for COPY (FORMAT csv): an unquoted empty field is NULL, a quoted one is a string.
// A COPY names its columns from the drizzle table (copyTable), so a renamed or reordered column
// cannot leave a hand-copied list behind.
import { getTableColumns, getTableName, type Table } from "drizzle-orm";

export type CsvValue = string | number | bigint | boolean | null | undefined;

function field(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  return `"${value.includes('"') ? value.replaceAll('"', '""') : value}"`;
}

/** One CSV line of the values picked by key (a plain loop: it runs for every imported row). */
function csvRow<K extends string>(keys: readonly K[], values: Readonly<Record<K, CsvValue>>): string {
  let line = "";
  for (let index = 0; index < keys.length; index++) line += (index === 0 ? "" : ",") + field(values[keys[index]]);
  return `${line}\n`;
}

export type CopyTable<K extends string> = {
  /** The table's SQL name. */
  table: string;
  /** The SQL names of the columns, in the order `row` writes them. */
  columns: string[];
  /** One CSV line with the values keyed by the schema's property names. */
  row(values: Readonly<Record<K, CsvValue>>): string;
  /**
   * The line without its first columns `lead` (which must be the first keys, in order), from the
   * comma before the next column to the newline: `${lead values joined by ","}${tail}` is the row.
   * For rows built before their ids are known (lib/import/sft-rows.ts).
   */
  tail<L extends K>(lead: readonly L[], values: Readonly<Record<Exclude<K, L>, CsvValue>>): string;
};

/** A COPY of `keys` (schema property names, e.g. `datasetId`) into `table`. */
export function copyTable<T extends Table, K extends keyof T["$inferInsert"] & string>(table: T, keys: readonly K[]): CopyTable<K> {
  const columns = getTableColumns(table);
  return {
    table: getTableName(table),
    columns: keys.map((key) => columns[key].name),
    row: (values) => csvRow(keys, values),
    tail: (lead, values) => {
      if (lead.some((key, index) => keys[index] !== key))
        throw new Error(`${getTableName(table)}: ${lead.join(", ")} are not its first columns`);
      let line = "";
      for (let index = lead.length; index < keys.length; index++) line += "," + field((values as Record<K, CsvValue>)[keys[index]]);
      return `${line}\n`;
    },
  };
}

/**
 * COPY text kept as UTF-8 bytes, its parts written in as they come. A batch's rows were strings
 * joined at the end and encoded again for the COPY: for 400K requests that took 2.0 s of the
 * importing thread, against 0.2 s written here (a micro-benchmark of 80 batches of 5,000 rows,
 * some with non-Latin-1 text, which makes a joined string two bytes a character).
 */
export class CsvBytes {
  private buffer = Buffer.allocUnsafe(64 * 1024);
  private size = 0;

  append(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit (a surrogate pair: 4 bytes for 2 units).
    const room = this.size + text.length * 3;
    if (room > this.buffer.length) {
      const bigger = Buffer.allocUnsafe(Math.max(room, this.buffer.length * 2));
      this.buffer.copy(bigger, 0, 0, this.size);
      this.buffer = bigger;
    }
    this.size += this.buffer.write(text, this.size);
  }

  get isEmpty(): boolean {
    return this.size === 0;
  }

  /** The bytes written so far (a view: append no more while a COPY reads it). */
  bytes(): Uint8Array<ArrayBuffer> {
    return this.buffer.subarray(0, this.size);
  }
}

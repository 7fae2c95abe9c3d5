// An in-memory implementation of the part of Ponder's `context.db` the handlers use (insert with
// onConflictDoNothing / onConflictDoUpdate, update().set(), find, delete), with Ponder's semantics:
// a plain insert of an existing key fails, update of a missing row fails, defaults and not-null
// columns apply. Tables must have a single-column primary key (every Boon table does).

type Row = Record<string, unknown>;
type Values = Row | ((row: Row) => Row);

type ColumnInfo = {
  key: string;
  primary: boolean;
  notNull: boolean;
  default: unknown;
  hasDefault: boolean;
};

type TableInfo = { name: string; primaryKey: string; columns: ColumnInfo[] };

const drizzleName = Symbol.for("drizzle:Name");

function describeTable(table: object): TableInfo {
  const name = String((table as Record<symbol, unknown>)[drizzleName] ?? "unknown");
  const columns: ColumnInfo[] = [];
  for (const [key, value] of Object.entries(table)) {
    if (typeof value !== "object" || value === null || !("columnType" in value)) continue;
    const column = value as {
      primary: boolean;
      notNull: boolean;
      default: unknown;
      hasDefault: boolean;
    };
    columns.push({
      key,
      primary: column.primary,
      notNull: column.notNull,
      default: column.default,
      hasDefault: column.hasDefault,
    });
  }
  const primary = columns.filter((c) => c.primary);
  if (primary.length !== 1 || !primary[0]) {
    throw new Error(`table ${name}: the memory db needs exactly one primary-key column`);
  }
  return { name, primaryKey: primary[0].key, columns };
}

const keyOf = (value: unknown) => (typeof value === "bigint" ? `n${value}` : String(value));

export class MemoryDb {
  readonly #tables = new Map<object, { info: TableInfo; rows: Map<string, Row> }>();

  #table(table: object) {
    let entry = this.#tables.get(table);
    if (!entry) {
      entry = { info: describeTable(table), rows: new Map() };
      this.#tables.set(table, entry);
    }
    return entry;
  }

  /** Every row of a table, in primary-key order of insertion. */
  rows<T = Row>(table: object): T[] {
    return [...this.#table(table).rows.values()].map((row) => ({ ...row }) as T);
  }

  async find(table: object, key: Row): Promise<Row | null> {
    const { info, rows } = this.#table(table);
    const row = rows.get(keyOf(key[info.primaryKey]));
    return row ? { ...row } : null;
  }

  async delete(table: object, key: Row): Promise<boolean> {
    const { info, rows } = this.#table(table);
    return rows.delete(keyOf(key[info.primaryKey]));
  }

  update(table: object, key: Row) {
    const { info, rows } = this.#table(table);
    return {
      set: async (values: Values): Promise<Row> => {
        const id = keyOf(key[info.primaryKey]);
        const existing = rows.get(id);
        if (!existing) throw new Error(`update of a missing row in ${info.name}: ${id}`);
        const updated = { ...existing, ...resolve(values, existing) };
        checkNotNull(info, updated);
        rows.set(id, updated);
        return { ...updated };
      },
    };
  }

  insert(table: object) {
    const { info, rows } = this.#table(table);
    const complete = (values: Row): Row => {
      const row: Row = {};
      for (const column of info.columns) {
        const given = values[column.key];
        row[column.key] = given !== undefined ? given : column.hasDefault ? column.default : null;
      }
      checkNotNull(info, row);
      return row;
    };
    const write = (values: Row | Row[], onConflict: (existing: Row, id: string) => Row | null) => {
      const results = (Array.isArray(values) ? values : [values]).map((value) => {
        const row = complete(value);
        const id = keyOf(row[info.primaryKey]);
        const existing = rows.get(id);
        if (existing) return onConflict(existing, id);
        rows.set(id, row);
        return { ...row };
      });
      return Array.isArray(values) ? results : results[0];
    };
    return {
      values: (values: Row | Row[]) => {
        // Ponder's builder is a promise that also offers the conflict variants: run lazily, once.
        let plain: Promise<unknown> | undefined;
        const runPlain = () => {
          plain ??= Promise.resolve().then(() =>
            write(values, (_, id) => {
              throw new Error(`unique constraint violation in ${info.name}: ${id}`);
            }),
          );
          return plain;
        };
        return {
          // biome-ignore lint/suspicious/noThenProperty: mirrors Ponder's awaitable insert builder
          then: (onFulfilled?: (v: unknown) => unknown, onRejected?: (e: unknown) => unknown) =>
            runPlain().then(onFulfilled, onRejected),
          onConflictDoNothing: async () => write(values, () => null),
          onConflictDoUpdate: async (update: Values) =>
            write(values, (existing, id) => {
              const updated = { ...existing, ...resolve(update, existing) };
              checkNotNull(info, updated);
              rows.set(id, updated);
              return { ...updated };
            }),
        };
      },
    };
  }

  get sql(): never {
    throw new Error("the memory db does not run raw SQL");
  }
}

function resolve(values: Values, row: Row): Row {
  return typeof values === "function" ? values({ ...row }) : values;
}

function checkNotNull(info: TableInfo, row: Row): void {
  for (const column of info.columns) {
    if (column.notNull && (row[column.key] === null || row[column.key] === undefined)) {
      throw new Error(`not-null constraint: ${info.name}.${column.key}`);
    }
  }
}

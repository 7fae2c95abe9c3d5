// An in-memory implementation of the part of Ponder's `context.db` the handlers use (insert with
// onConflictDoNothing / onConflictDoUpdate, update().set(), find, delete), with Ponder's semantics:
// a plain insert of an existing key fails, update of a missing row fails, defaults and not-null
// columns apply. Primary keys may be one column or composite (`primaryKey({ columns })`), read with
// drizzle's own getTableConfig as Ponder does.
import { getTableColumns } from "drizzle-orm";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";

type Row = Record<string, unknown>;
type Values = Row | ((row: Row) => Row);

type ColumnInfo = {
  key: string;
  primary: boolean;
  notNull: boolean;
  default: unknown;
  hasDefault: boolean;
};

type TableInfo = { name: string; primaryKey: string[]; columns: ColumnInfo[] };

function describeTable(table: object): TableInfo {
  const config = getTableConfig(table as PgTable);
  const byName = new Map<string, string>();
  const columns: ColumnInfo[] = [];
  for (const [key, column] of Object.entries(getTableColumns(table as PgTable))) {
    byName.set(column.name, key);
    columns.push({
      key,
      primary: column.primary,
      notNull: column.notNull,
      default: column.default,
      hasDefault: column.hasDefault,
    });
  }
  const composite = config.primaryKeys[0]?.columns.map((c) => byName.get(c.name) ?? c.name);
  const primaryKey = composite ?? columns.filter((c) => c.primary).map((c) => c.key);
  if (primaryKey.length === 0) throw new Error(`table ${config.name} has no primary key`);
  return { name: config.name, primaryKey, columns };
}

const part = (value: unknown) => (typeof value === "bigint" ? `n${value}` : String(value));
const keyOf = (info: TableInfo, row: Row) =>
  info.primaryKey.map((column) => part(row[column])).join("|");

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
    const row = rows.get(keyOf(info, key));
    return row ? { ...row } : null;
  }

  async delete(table: object, key: Row): Promise<boolean> {
    const { info, rows } = this.#table(table);
    return rows.delete(keyOf(info, key));
  }

  update(table: object, key: Row) {
    const { info, rows } = this.#table(table);
    return {
      set: async (values: Values): Promise<Row> => {
        const id = keyOf(info, key);
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
        const id = keyOf(info, row);
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

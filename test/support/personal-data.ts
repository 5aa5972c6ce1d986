import fs from 'node:fs';
import path from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import Database from 'better-sqlite3';
import pg from 'pg';

export type Hit = { where: string; needle: string; rows: number };

const lower = (s: string) => s.toLowerCase();

/**
 * Every text a needle occurs in, in every column of every table of the system of record (read with the
 * dialect's own catalogue, not the store code under test): `table.column` and how many rows hold it.
 */
export async function findInRecords(target: { sqliteFile?: string; databaseUrl?: string }, needles: string[]): Promise<Hit[]> {
  const hits: Hit[] = [];
  if (target.databaseUrl) {
    const client = new pg.Client({ connectionString: target.databaseUrl });
    await client.connect();
    try {
      const columns = await client.query<{ table_name: string; column_name: string }>(
        `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, column_name`,
      );
      for (const { table_name: t, column_name: c } of columns.rows) {
        for (const needle of needles) {
          const r = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${t}" WHERE lower(CAST("${c}" AS TEXT)) LIKE $1`, [`%${lower(needle)}%`]);
          if (Number(r.rows[0].n) > 0) hits.push({ where: `${t}.${c}`, needle, rows: Number(r.rows[0].n) });
        }
      }
    } finally {
      await client.end();
    }
    return hits;
  }
  const db = new Database(target.sqliteFile!, { readonly: true, fileMustExist: true });
  try {
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((t) => t.name);
    for (const t of tables) {
      for (const { name: c } of db.prepare(`SELECT name FROM pragma_table_info(?)`).all(t) as { name: string }[]) {
        for (const needle of needles) {
          const { n } = db.prepare(`SELECT count(*) AS n FROM "${t}" WHERE lower(CAST("${c}" AS TEXT)) LIKE ?`).get(`%${lower(needle)}%`) as { n: number };
          if (n > 0) hits.push({ where: `${t}.${c}`, needle, rows: n });
        }
      }
    }
  } finally {
    db.close();
  }
  return hits;
}

/** Needles found in the raw bytes of the SQLite database file and its WAL (free pages, overwritten cells, old frames). */
export function findInSqliteFiles(sqliteFile: string, needles: string[]): string[] {
  const found: string[] = [];
  for (const file of [sqliteFile, `${sqliteFile}-wal`]) {
    if (!fs.existsSync(file)) continue;
    const bytes = fs.readFileSync(file);
    for (const needle of needles) if (bytes.includes(Buffer.from(needle, 'utf8'))) found.push(`${path.basename(file)}: ${needle}`);
  }
  return found;
}

/**
 * What a search index holds, read with LanceDB itself: every row of every table version it keeps, whose
 * text holds a needle; and the files of the table (data and indexes) written before `since`.
 */
export async function findInIndex(indexDir: string, needles: string[], since: Date): Promise<{ rows: string[]; versions: number; olderFiles: string[] }> {
  const db = await lancedb.connect(indexDir);
  const table = await db.openTable('advocates');
  const rows: string[] = [];
  try {
    const versions = await table.listVersions();
    for (const v of versions) {
      await table.checkout(v.version);
      const n = await table.countRows();
      const all = n ? await table.query().select(['id', 'text']).limit(n).toArray() : [];
      for (const r of all as { id: string; text: string }[]) {
        for (const needle of needles) if (lower(r.text).includes(lower(needle))) rows.push(`v${v.version} ${r.id}: ${needle}`);
      }
    }
    const olderFiles: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(p);
        else if (/[/\\](data|_indices)[/\\]/.test(p) && fs.statSync(p).mtime < since) olderFiles.push(path.relative(indexDir, p));
      }
    };
    walk(path.join(indexDir, 'advocates.lance'));
    return { rows, versions: versions.length, olderFiles };
  } finally {
    table.close();
  }
}

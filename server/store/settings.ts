import type { Db } from './db.js';

export function createSettingsStore(db: Db) {
  return {
    get(key: string): string | undefined {
      return (db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value;
    },
    set(key: string, value: string): void {
      db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
        key,
        value,
      );
    },
  };
}
export type SettingsStore = ReturnType<typeof createSettingsStore>;

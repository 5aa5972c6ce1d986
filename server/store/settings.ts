import type { Executor } from './db.js';

export function createSettingsStore(db: Executor) {
  return {
    async get(key: string): Promise<string | undefined> {
      return (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value;
    },
    async set(key: string, value: string): Promise<void> {
      await db
        .insertInto('settings')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    },
  };
}
export type SettingsStore = ReturnType<typeof createSettingsStore>;

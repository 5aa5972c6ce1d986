import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';

describe('loadConfig: beyond one machine', () => {
  it('keeps the records in SQLite and the index in the data dir by default', () => {
    const c = loadConfig({ VOUCH_DATA_DIR: '/srv/vouch' });
    expect(c.databaseUrl).toBeUndefined();
    expect(c.indexUri).toBe(path.join('/srv/vouch', 'index'));
    expect(c).toMatchObject({ draftLeaseMs: 30_000, syncPollMs: 2000 });
    expect(c.erasureLog).toBe(path.join('/srv/vouch', 'erasures.jsonl'));
    expect(loadConfig({ VOUCH_ERASURE_LOG: '/mnt/records/erasures.jsonl' }).erasureLog).toBe('/mnt/records/erasures.jsonl');
  });

  it('passes object-store index URIs to LanceDB as they are, with storage options, and resolves local paths', () => {
    const c = loadConfig({ VOUCH_INDEX_URI: 's3+ddb://bucket/vouch?ddbTableName=commits', VOUCH_INDEX_STORAGE_OPTIONS: '{"region":"eu-west-1"}' });
    expect(c.indexUri).toBe('s3+ddb://bucket/vouch?ddbTableName=commits');
    expect(c.indexStorageOptions).toEqual({ region: 'eu-west-1' });
    expect(loadConfig({ VOUCH_INDEX_URI: 'relative/index' }).indexUri).toBe(path.resolve('relative/index'));
  });

  it('refuses what it cannot use, readably', () => {
    expect(() => loadConfig({ VOUCH_DATABASE_URL: 'mysql://x' })).toThrow(/VOUCH_DATABASE_URL: must be a postgres/);
    expect(() => loadConfig({ VOUCH_INDEX_STORAGE_OPTIONS: '{"region":1}' })).toThrow(ConfigError);
    expect(() => loadConfig({ VOUCH_INSTANCE_ID: 'a b' })).toThrow(/VOUCH_INSTANCE_ID/);
    expect(loadConfig({ VOUCH_DATABASE_URL: 'postgres://u:p@db:5432/vouch' }).databaseUrl).toBe('postgres://u:p@db:5432/vouch');
  });
});

describe('loadConfig: the program', () => {
  it('counts a profile stale after 180 days unless VOUCH_STALE_DAYS says otherwise, and refuses nonsense', () => {
    expect(loadConfig({}).program).toEqual({ staleDays: 180 });
    expect(loadConfig({ VOUCH_STALE_DAYS: '90' }).program.staleDays).toBe(90);
    expect(() => loadConfig({ VOUCH_STALE_DAYS: '0' })).toThrow(/VOUCH_STALE_DAYS/);
    expect(() => loadConfig({ VOUCH_STALE_DAYS: 'half a year' })).toThrow(ConfigError);
  });
});

describe('loadConfig: sign-in limits behind a proxy', () => {
  it('believes no proxy by default and limits sign-ins per client address', () => {
    expect(loadConfig({})).toMatchObject({ trustProxy: false, signInPerMinute: 30 });
    expect(loadConfig({ VOUCH_SIGNIN_PER_MINUTE: '0' }).signInPerMinute).toBe(0);
  });

  it('reads VOUCH_TRUST_PROXY as true, a hop count, or addresses and CIDR ranges, and refuses anything else', () => {
    expect(loadConfig({ VOUCH_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ VOUCH_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ VOUCH_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1,loopback' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1', '::1', 'loopback']);
    expect(() => loadConfig({ VOUCH_TRUST_PROXY: 'my-proxy.internal' })).toThrow(/VOUCH_TRUST_PROXY: "my-proxy.internal" is not an address/);
    expect(() => loadConfig({ VOUCH_TRUST_PROXY: '10.0.0.0/33' })).toThrow(ConfigError);
  });
});

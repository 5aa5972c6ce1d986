import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { createHashSlots } from './hash-slots.js';

/**
 * Passwords are hashed with scrypt (memory-hard): N=2^15, r=8, p=1 uses 32 MiB per hash, which makes
 * GPU guessing expensive while a login stays ~100 ms on a laptop. Parameters are stored with the hash so
 * they can be raised later without breaking existing accounts.
 */
const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LEN = 32;

/**
 * Two hashes at once (scrypt runs on libuv's pool of 4 threads, which file reads share; two saturate the
 * two cores of a small VM), ten waiting (about a second at ~150 ms each); more are refused with a 429.
 * One set of slots per process: they guard this process's CPU and memory, whatever asked for the hash.
 */
const slots = createHashSlots({ concurrency: 2, queue: 10 });

function scrypt(password: string, salt: Buffer, keyLen: number, opts: ScryptOptions): Promise<Buffer> {
  return slots.run(
    () =>
      new Promise((resolve, reject) =>
        scryptCb(password, salt, keyLen, { ...opts, maxmem: 128 * (opts.N ?? 0) * (opts.r ?? 0) * 2 }, (err, key) =>
          err ? reject(err) : resolve(key),
        ),
      ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LEN, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(key, expected);
}

/** A hash of a random password: compared against when the email is unknown, so timing does not reveal accounts. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}

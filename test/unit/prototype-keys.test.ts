import { describe, expect, it } from 'vitest';
import { extractNumbers } from '../../server/domain/grounding.js';
import { extractIntent, personaMatches } from '../../server/domain/intent.js';
import { normaliseNotes } from '../../server/domain/transcript.js';
import { tokenize } from '../../server/llm/local/tokenize.js';

/**
 * Words that are also Object.prototype's member names look up nothing in the server's word tables (found
 * by test/integration/api-fuzz.test.ts: a match for "constructor" crashed the local embedder).
 */
const NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf'];

describe('Object.prototype names in text', () => {
  it('tokenize treats them as words', () => {
    expect(tokenize('constructor toString valueOf').map((t) => t.text)).toEqual(['constructor', 'tostring', 'valueof']);
  });

  it('HTML entities with those names are left as written', () => {
    for (const name of NAMES) expect(normaliseNotes(`He said &${name}; twice.`).text).toBe(`He said &${name}; twice.`);
  });

  it('numbers followed by those words keep them as plain unit words', () => {
    const [n] = extractNumbers('We hired 5 constructor firms');
    expect(n.unit.every((w) => typeof w === 'string')).toBe(true);
    expect(n.unit).toContain('constructor');
  });

  it('a persona with such a name matches no title by accident, and intent extraction does not throw', () => {
    for (const name of NAMES) {
      expect(personaMatches(name, 'Head of Operations')).toBe(false);
      expect(() => extractIntent(`a ${name} in Germany`)).not.toThrow();
    }
  });
});

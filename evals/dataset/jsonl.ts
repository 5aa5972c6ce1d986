import { readFileSync } from 'node:fs';
import { UsageError } from '../lib/errors.js';
import { displayPath } from '../lib/paths.js';

export interface JsonlLine {
  /** 1-based line number, for error messages. */
  line: number;
  value: unknown;
}

/** One JSON value per non-blank line. A line that is not JSON is a usage error naming file and line. */
export function readJsonl(file: string): { text: string; lines: JsonlLine[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read dataset ${displayPath(file)}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const lines: JsonlLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    try {
      lines.push({ line: i + 1, value: JSON.parse(raw) });
    } catch (err) {
      throw new UsageError(`${displayPath(file)}:${i + 1}: not valid JSON (${(err as Error).message})`);
    }
  });
  if (lines.length === 0) throw new UsageError(`${displayPath(file)} has no cases`);
  return { text, lines };
}

import { z } from 'zod';

/**
 * Text a person (or a script, or a model) sends: every free-text field of every request body, query and
 * path is built on `plainText()`, so one rule decides what a name, a reason or a profile field may hold.
 *
 * Control characters are refused, except tab, line feed and carriage return: Postgres refuses NUL in text
 * outright ("invalid byte sequence for encoding UTF8: 0x00", which was a 500), and the others (escape,
 * backspace, vertical tab…) only hide text in the UI, the logs and the CSV exports. Refused, never
 * silently removed: what was stored is what was sent. Interview notes are not plain text in this sense
 * (transcripts carry odd whitespace such as form feeds; only NUL is refused there, by the review service).
 */
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const NAMES: Record<number, string> = {
  0x00: 'NUL',
  0x07: 'bell',
  0x08: 'backspace',
  0x0b: 'vertical tab',
  0x0c: 'form feed',
  0x1b: 'escape',
  0x7f: 'delete',
};

/** "U+000B (vertical tab) at character 4", or undefined when the text holds no control character. */
export function describeControlCharacter(text: string): string | undefined {
  const at = text.search(CONTROL_CHARACTER);
  if (at < 0) return undefined;
  const code = text.charCodeAt(at);
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `${NAMES[code] ? `${hex} (${NAMES[code]})` : hex} at character ${at + 1}`;
}

/** The one message, so the server, the UI's client-side checks and a script all read the same words. */
export const controlCharacterMessage = (text: string): string =>
  `Remove the control character ${describeControlCharacter(text) ?? ''}; tabs and line breaks are fine`;

/**
 * A string without control characters; chain `.trim()`, `.min()`, `.max()` as on `z.string()`. `params` is
 * z.string's (the message when the value is not a string at all). A refinement, not a regex `pattern`: it
 * stays out of the JSON Schema, which Ollama's structured output must not see (server/domain/profile.ts).
 */
export const plainText = (params?: Parameters<typeof z.string>[0]) =>
  z.string(params).refine((s) => !CONTROL_CHARACTER.test(s), { error: (issue) => controlCharacterMessage(String(issue.input)) });

import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Prompt files (prompts/*.md): a small front-matter header, then `## <section>` blocks (system, user, …)
 * whose text may hold `{{name}}` placeholders.
 *
 *   ---
 *   id: draft-profile
 *   version: 1
 *   schema: ProfileFields
 *   # comment lines are allowed in the header
 *   evaluated_on: []
 *   ---
 *   ## system
 *   …
 *
 * A `## <word>` line always starts a section, so prompt text must not use level-2 headings of its own.
 * The header format is deliberately tiny (`key: value`, `key: [a, b]`, `#` comments) so it needs no YAML
 * dependency. A broken prompt file is a build defect, so these functions throw instead of returning values.
 */

export interface Prompt {
  id: string;
  version: string;
  /** Name of the zod schema the prompt's output targets (documentation; the caller passes the schema). */
  schema: string;
  /** Models this version was evaluated on; empty until an eval has run against a real model. */
  evaluatedOn: string[];
  sections: Record<string, string>;
  /** sha256 of everything after the header: lets a test catch a body edit made without a version bump. */
  sha256: string;
  file: string;
}

export const PROMPTS_DIR = fileURLToPath(new URL('../../prompts/', import.meta.url));

const REQUIRED_KEYS = ['id', 'version', 'schema', 'evaluated_on'] as const;

export function parsePrompt(text: string, file: string): Prompt {
  const source = text.replace(/\r\n/g, '\n');
  const match = /^---\n([\s\S]*?)\n---\n/.exec(source);
  if (!match) throw new Error(`${file}: missing front-matter header between --- lines`);
  const header = parseHeader(match[1], file);
  for (const key of REQUIRED_KEYS) {
    if (!(key in header)) throw new Error(`${file}: header is missing "${key}"`);
  }
  const { id, version, schema, evaluated_on } = header;
  if (typeof id !== 'string' || typeof version !== 'string' || typeof schema !== 'string') {
    throw new Error(`${file}: id, version and schema must be plain values`);
  }
  if (!Array.isArray(evaluated_on)) throw new Error(`${file}: evaluated_on must be a list, e.g. []`);
  const body = source.slice(match[0].length);
  return {
    id,
    version,
    schema,
    evaluatedOn: evaluated_on,
    sections: parseSections(body, file),
    sha256: createHash('sha256').update(body).digest('hex'),
    file,
  };
}

function parseHeader(block: string, file: string): Record<string, string | string[]> {
  const header: Record<string, string | string[]> = {};
  for (const line of block.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const kv = /^([a-z_]+):\s*(.*)$/.exec(trimmed);
    if (!kv) throw new Error(`${file}: cannot read header line "${trimmed}"`);
    const value = kv[2].trim();
    const list = /^\[(.*)\]$/.exec(value);
    header[kv[1]] = list
      ? list[1]
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean)
      : value;
  }
  return header;
}

function parseSections(body: string, file: string): Record<string, string> {
  const sections: Record<string, string> = {};
  let current: string | null = null;
  let lines: string[] = [];
  const flush = () => {
    if (current) sections[current] = lines.join('\n').trim();
  };
  for (const line of body.split('\n')) {
    const heading = /^## (\w+)\s*$/.exec(line);
    if (heading) {
      flush();
      current = heading[1].toLowerCase();
      if (current in sections) throw new Error(`${file}: section "${current}" appears twice`);
      lines = [];
    } else if (current) {
      lines.push(line);
    } else if (line.trim() !== '') {
      throw new Error(`${file}: text before the first "## <section>" heading`);
    }
  }
  flush();
  return sections;
}

export function loadPrompt(id: string, dir: string = PROMPTS_DIR): Prompt {
  const file = join(dir, `${id}.md`);
  const prompt = parsePrompt(readFileSync(file, 'utf8'), file);
  if (prompt.id !== id) throw new Error(`${file}: header id "${prompt.id}" does not match the file name`);
  return prompt;
}

export function loadPrompts(dir: string = PROMPTS_DIR): Prompt[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => loadPrompt(basename(name, '.md'), dir));
}

/**
 * Fills a section's `{{name}}` placeholders. Values are data: any tag the template uses as a delimiter
 * (e.g. `</interview_notes>`) is defused inside a value (`‹/interview_notes›`) so text pasted into the
 * notes cannot close the data block and speak as instructions.
 */
export function renderSection(prompt: Prompt, section: string, vars: Record<string, string>): string {
  const template = prompt.sections[section];
  if (template === undefined) throw new Error(`${prompt.file}: no "## ${section}" section`);
  const delimiters = new Set([...template.matchAll(/<\/?([a-z][\w-]*)>/gi)].map((m) => m[1].toLowerCase()));
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`${prompt.file}: no value for {{${name}}} in "${section}"`);
    return defuseTags(value, delimiters);
  });
}

function defuseTags(value: string, names: Set<string>): string {
  if (names.size === 0) return value;
  return value.replace(/<\s*(\/?)\s*([a-z][\w-]*)\s*>/gi, (whole, slash: string, name: string) =>
    names.has(name.toLowerCase()) ? `‹${slash}${name}›` : whole,
  );
}

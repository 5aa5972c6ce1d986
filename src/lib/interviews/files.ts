import { MAX_NOTES_CHARS } from '$domain/interview';

export const ACCEPTED_EXTENSIONS = ['.txt', '.md', '.vtt', '.srt'] as const;

export class FileProblem extends Error {}

/**
 * Read a dropped or chosen transcript as text. Only plain-text formats are accepted; the server normalises
 * .vtt/.srt timestamps itself and re-checks everything.
 */
export async function readTranscriptFile(file: File): Promise<{ text: string; filename: string }> {
  const name = file.name || 'transcript';
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.')).toLowerCase() : '';
  if (!(ACCEPTED_EXTENSIONS as readonly string[]).includes(ext)) {
    throw new FileProblem(
      `“${name}” is not a transcript Vouch can read. Use a .txt, .md, .vtt or .srt file, or paste the text.`,
    );
  }
  // UTF-8 uses at most 4 bytes per character; anything bigger cannot fit the notes limit.
  if (file.size > MAX_NOTES_CHARS * 4) {
    throw new FileProblem(`“${name}” is too large (${formatBytes(file.size)}). Split the transcript and try again.`);
  }
  const text = await file.text();
  if (looksBinary(text)) {
    throw new FileProblem(`“${name}” does not look like plain text. Export the transcript as .txt, .vtt or .srt.`);
  }
  if (!text.trim()) throw new FileProblem(`“${name}” is empty.`);
  return { text, filename: name };
}

function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const sample = text.slice(0, 4000);
  let bad = 0;
  for (const ch of sample) if (ch === '\uFFFD' || (ch < ' ' && !'\n\r\t\f'.includes(ch))) bad++;
  return sample.length > 0 && bad / sample.length > 0.02;
}

function formatBytes(n: number): string {
  return n > 1_000_000 ? `${(n / 1_000_000).toFixed(1)} MB` : `${Math.round(n / 1000)} KB`;
}

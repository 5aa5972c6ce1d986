import { MAX_NOTES_CHARS, MIN_NOTES_CHARS, type InterviewSource } from '$domain/interview';
import { api, messageOf, ApiError } from '$lib/api';
import { session } from '$lib/session.svelte';
import { DraftWatcher } from './draft-watcher.svelte';
import { FileProblem, readTranscriptFile } from './files';

/**
 * The "new interview" form and the draft it started. Lives for the whole tab, so leaving the page and coming
 * back keeps the text and the progress; nothing typed is cleared by an error.
 */
export class InterviewComposer {
  notes = $state('');
  source = $state<InterviewSource>({ kind: 'notes' });
  /** Problem with the notes themselves (shown next to the textarea). */
  notesError = $state<string | null>(null);
  /** Anything else (network, permissions…). */
  error = $state<string | null>(null);
  busy = $state(false);
  reading = $state(false);
  watcher = $state<DraftWatcher | null>(null);

  get length(): number {
    return this.notes.trim().length;
  }

  get isTranscript(): boolean {
    return this.source.kind === 'transcript';
  }

  async loadFile(file: File): Promise<void> {
    this.notesError = null;
    this.reading = true;
    try {
      const { text, filename } = await readTranscriptFile(file);
      this.notes = text;
      this.source = { kind: 'transcript', filename };
    } catch (err) {
      this.notesError = err instanceof FileProblem ? err.message : 'Could not read that file.';
    } finally {
      this.reading = false;
    }
  }

  /** Keep the text, forget that it came from a file. */
  clearFile(): void {
    this.source = { kind: 'notes' };
  }

  validate(): string | null {
    const n = this.length;
    if (n === 0) return 'Paste the interview notes, or drop a transcript file.';
    if (n < MIN_NOTES_CHARS) {
      return `These notes are too short to describe an advocate (${n} characters; at least ${MIN_NOTES_CHARS}). Add what the customer said about their role, company and results.`;
    }
    if (this.notes.length > MAX_NOTES_CHARS) {
      return `These notes are ${this.notes.length.toLocaleString('en')} characters; the limit is ${MAX_NOTES_CHARS.toLocaleString('en')}. Split the interview and send it in parts.`;
    }
    return null;
  }

  async submit(): Promise<boolean> {
    this.error = null;
    this.notesError = this.validate();
    if (this.notesError) return false;
    this.busy = true;
    try {
      const res = await api.createInterview({ notes: this.notes, source: this.source });
      this.watcher?.stop();
      this.watcher = new DraftWatcher(res.draft.id, res.draft.status);
      this.watcher.start();
      return true;
    } catch (err) {
      const fieldMessage = err instanceof ApiError ? (err.issueFor('notes') ?? err.issueFor('source')) : undefined;
      if (fieldMessage || (err instanceof ApiError && (err.status === 413 || err.status === 400))) {
        this.notesError = fieldMessage ?? messageOf(err);
      } else {
        this.error = messageOf(err);
      }
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Start over for the next interview (only offered once the previous one was sent). */
  reset(): void {
    this.watcher?.stop();
    this.watcher = null;
    this.notes = '';
    this.source = { kind: 'notes' };
    this.notesError = null;
    this.error = null;
  }
}

export const composer = new InterviewComposer();
session.onIdentityChange(() => composer.reset());

import type { DraftDetail } from '$domain/api/drafts';
import type { DraftCheck, EvidenceSpan } from '$domain/evidence';
import {
  ProfileFields,
  SCALAR_FIELDS,
  diffProfiles,
  emptyProfile,
  type Activity,
  type ProfileFieldName,
} from '$domain/profile';
import { zodFieldErrors, type FieldErrors } from '$lib/forms';
import { createQuoteVerifier, type QuoteVerifier } from '$domain/quote-verifier';

export type ScalarField = (typeof SCALAR_FIELDS)[number];
export type TextListField = 'languages' | 'products' | 'useCases' | 'outcomes' | 'quotes';
export const TEXT_LIST_FIELDS: TextListField[] = ['languages', 'products', 'useCases', 'outcomes', 'quotes'];

/** A list entry keeps the index it had in the AI draft, so its evidence and checks follow it through edits. */
export type ListItem = { key: number; value: string; origin: number | null };
export type Focus = { field: ProfileFieldName; origin?: number | null };
export type QuoteState = { found: boolean; live: boolean };

let nextKey = 1;

/** The reviewer's working copy of one draft: the editable profile, the focused field, and what blocks approval. */
export class ReviewEditor {
  readonly draft: DraftDetail;
  readonly original: ProfileFields;
  scalars = $state({} as Record<ScalarField, string>);
  lists = $state({} as Record<TextListField, ListItem[]>);
  activities = $state<Activity[]>([]);
  focus = $state<Focus | null>(null);
  errors = $state<FieldErrors>({});
  /** The reviewer confirms the customer agreed to act as an advocate (sent with the approval), and how. */
  consent = $state({ given: false, source: 'Agreed in the interview' });
  readonly #said: QuoteVerifier;

  constructor(draft: DraftDetail) {
    this.draft = draft;
    this.original = draft.profile ?? emptyProfile();
    this.#said = createQuoteVerifier(draft.interview.text);
    for (const f of SCALAR_FIELDS) this.scalars[f] = this.original[f];
    for (const f of TEXT_LIST_FIELDS) {
      this.lists[f] = this.original[f].map((value, i) => ({ key: nextKey++, value, origin: i }));
    }
    this.activities = [...this.original.activities];
  }

  toProfile(): ProfileFields {
    const p = emptyProfile();
    for (const f of SCALAR_FIELDS) p[f] = this.scalars[f].trim();
    for (const f of TEXT_LIST_FIELDS) p[f] = this.lists[f].map((i) => i.value.trim()).filter(Boolean);
    p.activities = [...this.activities];
    return p;
  }

  /** Fields the reviewer changed from the AI draft. */
  get changedFields(): ProfileFieldName[] {
    return diffProfiles(this.original, this.toProfile()).map((c) => c.field);
  }

  add(field: TextListField): number {
    const key = nextKey++;
    this.lists[field].push({ key, value: '', origin: null });
    return key;
  }

  remove(field: TextListField, key: number): void {
    this.lists[field] = this.lists[field].filter((i) => i.key !== key);
  }

  toggleActivity(a: Activity, on: boolean): void {
    this.activities = on ? [...new Set([...this.activities, a])] : this.activities.filter((x) => x !== a);
  }

  checksFor(field: ProfileFieldName, origin?: number | null): DraftCheck[] {
    return this.draft.checks.filter((c) =>
      origin === undefined ? c.field === field && c.index === undefined : c.field === field && c.index === origin,
    );
  }

  spansFor(field: ProfileFieldName, origin?: number | null): EvidenceSpan[] {
    return this.draft.evidence.filter(
      (s) => s.field === field && (origin === undefined || origin === null || s.index === origin),
    );
  }

  /** Highlights for the notes pane: every span of the focused field, the focused item's spans strongest. */
  get highlights(): { start: number; end: number; strong: boolean }[] {
    const f = this.focus;
    if (!f) return [];
    return this.draft.evidence
      .filter((s) => s.field === f.field)
      .map((s) => ({ start: s.start, end: s.end, strong: f.origin != null && s.index === f.origin }));
  }

  /**
   * A quote as the reviewer left it, checked as the server will check it on approval: in the advocate's own
   * turns, under the name as it now stands (correcting the name can change whose turns count). `live` marks
   * quotes the reviewer edited or added, so the page can say the check is fresh.
   */
  quoteState(item: ListItem): QuoteState {
    const unchanged = item.origin !== null && this.original.quotes[item.origin] === item.value;
    return { found: this.#said(item.value, this.scalars.name), live: !unchanged };
  }

  /** Quotes that cannot be approved (rule 2: a quote must appear in the notes). */
  get unverifiedQuotes(): ListItem[] {
    return this.lists.quotes.filter((i) => i.value.trim() && !this.quoteState(i).found);
  }

  /** Validate with the shared schema; returns the profile to send, or null with `errors` set. */
  validate(): ProfileFields | null {
    const parsed = ProfileFields.safeParse(this.toProfile());
    this.errors = parsed.success ? {} : zodFieldErrors(parsed.error);
    if (!parsed.success) return null;
    if (!parsed.data.name && !parsed.data.company) {
      this.errors = { name: 'Give the advocate a name or a company before approving' };
      return null;
    }
    return parsed.data;
  }
}

/**
 * The embedded drafter: the default when no Ollama is running. It proposes a profile by reading the notes
 * with rules (header lines, speaker labels, patterns, vocabularies, compromise for names and places) and
 * copies every quote, outcome and use case out of the text, so nothing in the draft is invented. The text
 * is data: sentences that talk to a model ("ignore previous instructions…") are not read at all.
 * Deterministic, and fast enough (< 50 ms for 20 KB) to run inline.
 */
import type { Excerpts } from '../../domain/grounding.js';
import { ProfileFields, emptyProfile } from '../../domain/profile.js';
import type { Activity, ProfileFieldName } from '../../domain/profile.js';
import type { DraftError, DraftProgress } from '../../domain/draft.js';
import type { DraftOutcome, DraftRequest, Drafter } from '../types.js';
import { findActivities } from './activities.js';
import { buildCatalogue } from './catalogue.js';
import type { Catalogue } from './catalogue.js';
import { readDocument } from './document.js';
import type { Doc, Found } from './document.js';
import { lazyEntities } from './entities.js';
import { findLanguages, findOutcomes, findProducts, findUseCases } from './facts.js';
import { findCompany, findName, findTitle } from './identity.js';
import { findCompanySize, findIndustry, findRegion } from './organisation.js';
import { findQuotes } from './quotes.js';

export const EXTRACTIVE_MODEL = 'vouch-extractive-v1';

export interface ExtractiveOptions {
  /** The vendor's product catalogue; matched case-insensitively, with the brand-less name as an alias. */
  products?: string[];
}

export interface Extraction {
  profile: ProfileFields;
  /** Source sentences per field; for list fields, excerpt i supports item i. */
  excerpts: Excerpts;
}

type Step = (doc: Doc, catalogue: Catalogue, draft: Extraction) => void;

/** Drops values too long for the schema instead of cutting them: a cut quote is no longer what was said. */
function fits(field: ProfileFieldName, value: string): boolean {
  const shape = ProfileFields.shape[field];
  const item = 'element' in shape ? shape.element : shape;
  return item.safeParse(value).success;
}

function setScalar(draft: Extraction, field: 'name' | 'title' | 'company' | 'industry' | 'region' | 'companySize', found?: Found): void {
  if (!found || !found.value || !fits(field, found.value)) return;
  draft.profile[field] = found.value;
  draft.excerpts[field] = [found.excerpt];
}

function setList(draft: Extraction, field: 'languages' | 'products' | 'useCases' | 'outcomes' | 'quotes', found: Found[]): void {
  const kept = found.filter((f) => fits(field, f.value)).slice(0, 30);
  draft.profile[field] = kept.map((f) => f.value);
  draft.excerpts[field] = kept.map((f) => f.excerpt);
}

/** In order; each step may read what earlier ones found (the company helps find the industry). */
const STEPS: [string, Step][] = [
  ['who', (doc, catalogue, draft) => {
    const nlp = lazyEntities(doc);
    setScalar(draft, 'name', findName(doc, catalogue, nlp));
    setScalar(draft, 'title', findTitle(doc, draft.profile.name));
    setScalar(draft, 'company', findCompany(doc, catalogue, nlp, draft.profile.name));
    setScalar(draft, 'region', findRegion(doc, draft.profile.company, nlp.places));
  }],
  ['organisation', (doc, _catalogue, draft) => {
    setScalar(draft, 'industry', findIndustry(doc, draft.profile.company));
    setScalar(draft, 'companySize', findCompanySize(doc, draft.profile.company));
    setList(draft, 'languages', findLanguages(doc));
  }],
  ['usage', (doc, catalogue, draft) => {
    setList(draft, 'products', findProducts(doc, catalogue));
    setList(draft, 'useCases', findUseCases(doc, catalogue));
  }],
  ['results', (doc, _catalogue, draft) => {
    setList(draft, 'outcomes', findOutcomes(doc));
    setList(draft, 'quotes', findQuotes(doc));
  }],
  ['advocacy', (doc, _catalogue, draft) => {
    const agreed = findActivities(doc);
    draft.profile.activities = agreed.map((f) => f.value as Activity);
    draft.excerpts.activities = agreed.map((f) => f.excerpt);
  }],
];

/** Synchronous core, for tests and evals: text in, profile and excerpts out. */
export function extractProfile(text: string, options: ExtractiveOptions = {}, onStep?: (done: number, of: number, step: string) => void): Extraction {
  const catalogue = buildCatalogue(options.products);
  const doc = readDocument(text, catalogue.vendor);
  const draft: Extraction = { profile: emptyProfile(), excerpts: {} };
  STEPS.forEach(([name, step], i) => {
    step(doc, catalogue, draft);
    onStep?.(i + 1, STEPS.length, name);
  });
  return draft;
}

function failure(code: DraftError['code'], message: string, retryable: boolean): DraftOutcome {
  return { ok: false, error: { code, message, retryable } };
}

export function createExtractiveDrafter(options: ExtractiveOptions = {}): Drafter {
  return {
    provider: 'extractive',
    model: EXTRACTIVE_MODEL,
    async draft({ text, onProgress, signal }: DraftRequest): Promise<DraftOutcome> {
      const report = (progress: DraftProgress) => onProgress?.(progress);
      if (signal?.aborted) return failure('timeout', 'Drafting was cancelled before it started', true);
      try {
        report({ stage: 'reading', fraction: 0, message: 'Reading the notes' });
        const { profile, excerpts } = extractProfile(text, options, (done, of, step) =>
          report({ stage: 'drafting', fraction: 0.1 + (0.8 * done) / of, message: `Drafted ${step}` }),
        );
        report({ stage: 'checking', fraction: 0.95, message: 'Validating the draft' });
        const parsed = ProfileFields.safeParse(profile);
        if (!parsed.success) return failure('invalid_output', `The extractive drafter produced an invalid profile: ${parsed.error.message}`, false);
        report({ stage: 'done', fraction: 1 });
        return { ok: true, profile: parsed.data, excerpts, promptId: 'extractive', promptVersion: '1' };
      } catch (err) {
        // A bug in a rule must not lose the interview: it becomes a failed draft the server can show and retry.
        return failure('internal', `The extractive drafter failed: ${err instanceof Error ? err.message : String(err)}`, false);
      }
    },
  };
}

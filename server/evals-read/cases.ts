import { alternatives, matchesGold, norm } from '../../evals/lib/compare-values.js';
import type { ForbiddenFact, Gold, ProfileCase } from '../../evals/dataset/profiles.js';
import type { RunCase, RunFile, RunSample, RunTarget } from '../../evals/store/run-file.js';
import type { EvalCaseResult, EvalCaseRow, EvalCheck, EvalFieldCompare, EvalSampleView } from '../domain/api/evals.js';
import { alignEvidence, checkDraft } from '../domain/grounding.js';
import { PROFILE_FIELD_NAMES, ProfileFields, SCALAR_FIELDS, emptyProfile, type ProfileFieldName } from '../domain/profile.js';
import type { StoredVerdict } from './stored.js';

/**
 * Pure: per case, the notes and gold from today's dataset beside each target's output and failing checks
 * (and the baseline's output for the same case when the run was compared with one). Outputs are compared
 * with today's gold, as the gate re-scores a baseline; the checks are the ones stored in the run file.
 */
const RAW_LIMIT = 20_000;

const failingSample = (c: RunCase): RunSample | undefined => c.samples.find((s) => Object.values(s.scores).some((r) => !r.pass)) ?? c.samples[0];

function checksOf(sample: RunSample): EvalCheck[] {
  return Object.entries(sample.scores)
    .map(([scorer, r]) => ({ scorer, pass: r.pass, score: r.score, reason: r.reason }))
    .sort((a, b) => Number(a.pass) - Number(b.pass));
}

const isScalar = (field: ProfileFieldName) => (SCALAR_FIELDS as readonly string[]).includes(field);

/** Gold items of a field (a scalar is one item with its alternatives, or none when it must stay empty). */
function goldItems(field: ProfileFieldName, gold: NonNullable<Gold[ProfileFieldName]>): (string | string[])[] {
  if (isScalar(field)) return gold === '' ? [] : [gold as string | string[]];
  return gold as (string | string[])[];
}

/** As the forbiddenFacts scorer decides it: the normalised value appears in the named field (or any). */
function forbiddenPresent(profile: ProfileFields, fact: ForbiddenFact): boolean {
  const fields = fact.field === 'any' ? PROFILE_FIELD_NAMES : [fact.field];
  const values = fields.flatMap((f) => profile[f] as string | string[]);
  if (fact.field === 'activities') return values.some((v) => v === fact.value);
  const wanted = norm(fact.value);
  return values.some((v) => norm(v).includes(wanted));
}

/** Notes are known to be the ones the output was drafted from: grounding and evidence apply. */
function compareFields(profile: ProfileFields, testCase: ProfileCase | undefined, notes: string | null): EvalFieldCompare[] {
  const checks = notes === null ? [] : checkDraft(notes, profile, []).filter((c) => c.status === 'fail' && (c.kind === 'quote' || c.kind === 'number'));
  const evidence = notes === null ? [] : alignEvidence(notes, profile);
  return PROFILE_FIELD_NAMES.map((field) => {
    const gold = testCase?.gold[field];
    const wanted = gold === undefined ? [] : goldItems(field, gold);
    const value = profile[field];
    const drafted = (Array.isArray(value) ? value : [value]).map((text, index) => ({ text: text.trim(), index })).filter((d) => d.text);
    return {
      field,
      scored: gold !== undefined,
      mustBeEmpty: gold !== undefined && wanted.length === 0,
      gold: wanted.map((g) => ({
        text: alternatives(g)[0],
        alternatives: alternatives(g).slice(1),
        found: drafted.some((d) => matchesGold(field, d.text, g)),
      })),
      output: drafted.map((d) => {
        const index = isScalar(field) ? undefined : d.index;
        const span = evidence.find((e) => e.field === field && e.index === index);
        return {
          text: d.text,
          inGold: gold === undefined ? null : wanted.some((g) => matchesGold(field, d.text, g)),
          ungrounded: checks.find((c) => c.field === field && c.index === index)?.message ?? null,
          span: span ? { start: span.start, end: span.end } : null,
        };
      }),
    };
  });
}

export function sampleView(c: RunCase, testCase: ProfileCase | undefined): EvalSampleView | null {
  const sample = failingSample(c);
  if (!sample) return null;
  const parsed = sample.error === undefined ? ProfileFields.safeParse(sample.output) : null;
  const output = parsed?.success ? parsed.data : null;
  const raw = output === null && sample.output != null ? JSON.stringify(sample.output, null, 2).slice(0, RAW_LIMIT) : null;
  // Outputs are compared with the notes only when they are the notes the output was drafted from.
  const notes = testCase && testCase.inputSha === c.inputSha ? testCase.text : null;
  const checks = checksOf(sample);
  return {
    repeat: sample.repeat,
    samples: c.samples.length,
    stability: c.stability,
    output,
    raw,
    error: sample.error ?? null,
    latencyMs: sample.latencyMs,
    cached: sample.cached,
    checks,
    failing: checks.some((r) => !r.pass),
    fields: testCase || output ? compareFields(output ?? emptyProfile(), testCase, notes) : [],
    forbiddenHits: output && testCase ? testCase.forbidden.flatMap((f, i) => (forbiddenPresent(output, f) ? [i] : [])) : [],
  };
}

export interface CaseInputs {
  run: RunFile;
  verdict: StoredVerdict | null;
  /** The run the gate compared with, when it is readable here. */
  baselineRun: RunFile | null;
  /** Today's dataset cases by id (empty when the dataset is not available). */
  dataset: Map<string, ProfileCase>;
}

function caseResult(target: RunTarget, id: string, inputs: CaseInputs, testCase: ProfileCase | undefined): EvalCaseResult {
  const c = target.cases.find((x) => x.id === id);
  const aligned = inputs.verdict?.targets.find((a) => a.target === target.label);
  const baseTarget = aligned ? inputs.baselineRun?.targets.find((t) => t.label === aligned.baselineTarget) : undefined;
  const bc = baseTarget?.cases.find((x) => x.id === id);
  const worse = aligned?.worsened.find((d) => d.id === id);
  const better = aligned?.improved.find((d) => d.id === id);
  const delta = worse ?? better;
  return {
    target: target.label,
    current: c ? sampleView(c, testCase) : null,
    baselineTarget: aligned?.baselineTarget ?? null,
    baseline: bc ? sampleView(bc, testCase) : null,
    change: delta ? { before: delta.before, after: delta.after, direction: worse ? 'worse' : 'better' } : null,
  };
}

/** Every case of the run, in dataset order (cases no longer in the dataset last). */
export function caseRows(inputs: CaseInputs): EvalCaseRow[] {
  const { run, dataset } = inputs;
  const ids = [...new Set(run.targets.flatMap((t) => t.cases.map((c) => c.id)))];
  const order = new Map([...dataset.keys()].map((id, i) => [id, i]));
  ids.sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity));
  return ids.map((id) => {
    const testCase = dataset.get(id);
    const shas = run.targets.flatMap((t) => t.cases.filter((c) => c.id === id).map((c) => c.inputSha));
    const results = run.targets.map((t) => caseResult(t, id, inputs, testCase));
    return {
      id,
      description: testCase?.description ?? null,
      tags: testCase?.tags ?? [],
      notes: testCase?.text ?? null,
      notesStatus: !testCase ? 'missing' : shas.every((s) => s === testCase.inputSha) ? 'same' : 'changed',
      forbidden: (testCase?.forbidden ?? []).map((f) => ({ field: f.field, value: f.value, why: f.why ?? null })),
      failing: results.some((r) => r.current?.failing),
      worse: results.some((r) => r.change?.direction === 'worse'),
      results,
    };
  });
}

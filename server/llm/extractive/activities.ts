/**
 * Advocacy activities the customer agreed to. Each mention of an activity ("reference calls", "a webinar",
 * "a review on G2") is judged by the nearest cue in its clause: "happy to", "open to", "yes" agree;
 * "not comfortable", "won't", "rather not" refuse; "would consider", "could", "need to check" leave it open.
 * Only agreed activities are drafted; a refusal anywhere wins over an agreement elsewhere, because adding
 * an activity the customer declined is the worse mistake.
 */
import { ACTIVITIES } from '../../domain/profile.js';
import type { Activity } from '../../domain/profile.js';
import { customerSentences } from './document.js';
import type { Doc, Found } from './document.js';

const TERMS: Record<Activity, RegExp> = {
  reference_call:
    /\breferences?\b(?:\s+calls?)?|\b(?:talk|speak|chat)(?:s|ing)?\s+(?:to|with)\s+(?:other\s+)?(?:prospects?|customers|peers|buyers)\b|\bcalls?\s+with\s+prospects?\b|\bprospect calls?\b/gi,
  case_study: /\bcase[- ]stud(?:y|ies)\b|\bsuccess stor(?:y|ies)\b|\bcustomer stor(?:y|ies)\b|\bwrite (?:it|this|us|that) up\b|\btestimonials?\b/gi,
  event_speaker:
    /\b(?:speak|speaking|present|presenting)\s+at\b|\bwebinars?\b|\b(?:user\s+)?conferences?\b(?!\s+calls?)|\bsummits?\b|\bkeynotes?\b|\bpanels?\b|\bon (?:a |the )?stage\b|\bpublic speaking\b|\bevents?\b|\buser groups?\b|\bmeetups?\b|\bpodcasts?\b/gi,
  peer_review:
    /\bG2\b|\bGartner\b|\bPeer Insights\b|\bCapterra\b|\bTrustRadius\b|\breviews?\s+on\b|\bonline reviews?\b|\b(?:write|leave|post|do|give)\s+(?:an?\s+)?(?:\w+\s+)?reviews?\b|\breview sites?\b/gi,
  press: /\bpress\b(?!\s+lines?)|\bjournalists?\b|\breporters?\b|\bnewspapers?\b|\bmedia (?:interviews?|coverage|outreach)\b/gi,
  advisory_board: /\badvisory (?:board|council|group)s?\b|\bCAB\b|\bcustomer council\b|\bproduct council\b/gi,
};

type Polarity = 'agree' | 'refuse' | 'open';

const N = "n['’]?t"; // don't / don’t / dont
const CUES: [Polarity, RegExp][] = [
  ['open', /\b(?:would consider|will consider|could|might|maybe|perhaps|possibly|depends|depending|need to check|needs to check|check with|have to ask|has to ask|not sure|later|tbd|to be confirmed|considering|pending)\b/gi],
  ['refuse', new RegExp(`\\b(?:not|no|never|won${N}|wouldn${N}|don${N}|doesn${N}|didn${N}|can${N}|cannot|isn${N}|aren${N}|declined?|declines|refused?|refuses|rather not|unwilling|unable|hates?|say no|against)\\b`, 'gi')],
  ['agree', /\b(?:yes|happy|glad to|open to|willing|keen|agreed|agrees|agree|would love|'d love|love to|would like to|'d like to|fine|comfortable|can|will|sure|interested|offered|volunteered|signed up|up for|ok|okay|absolutely|definitely|of course)\b/gi],
];
/** A negation right before an agreeing cue turns it around: "not comfortable", "never keen". */
const NEGATED = new RegExp(`(?:\\bnot|\\bnever|\\bno|${N})\\s+(?:\\S+\\s+)?$`, 'i');
const CLAUSE_BREAK = /;|:|\s[—–-]\s|\b(?:but|though|however|whereas|although)\b/i;

interface Cue {
  polarity: Polarity;
  start: number;
  end: number;
}

function cuesIn(clause: string): Cue[] {
  const all: Cue[] = CUES.flatMap(([polarity, pattern]) =>
    [...clause.matchAll(pattern)].map((m) => ({ polarity, start: m.index, end: m.index + m[0].length })),
  );
  // "not sure" beats "not", "rather not" beats "not": drop cues inside longer ones.
  return all
    .filter((c) => !all.some((o) => o !== c && o.start <= c.start && c.end <= o.end && o.end - o.start > c.end - c.start))
    .sort((a, b) => a.start - b.start);
}

function judge(clause: string, termStart: number, termEnd: number): Polarity | undefined {
  const cues = cuesIn(clause);
  const cue = cues.filter((c) => c.end <= termStart).at(-1) ?? cues.find((c) => c.start >= termEnd);
  if (!cue) return undefined;
  if (cue.polarity === 'agree' && NEGATED.test(clause.slice(0, cue.start))) return 'refuse';
  return cue.polarity;
}

function clauses(sentence: string): string[] {
  return sentence.split(CLAUSE_BREAK).filter((c) => c.trim() !== '');
}

export function mentionsActivity(text: string): boolean {
  return ACTIVITIES.some((a) => text.match(TERMS[a]) !== null);
}

export function findActivities(doc: Doc): Found[] {
  const agreed = new Map<Activity, string>();
  const refused = new Set<Activity>();
  for (const s of customerSentences(doc)) {
    for (const clause of clauses(s.text)) {
      for (const activity of ACTIVITIES) {
        for (const m of clause.matchAll(TERMS[activity])) {
          const polarity = judge(clause, m.index, m.index + m[0].length);
          if (polarity === 'refuse') refused.add(activity);
          if (polarity === 'agree' && !agreed.has(activity)) agreed.set(activity, s.text);
        }
      }
    }
  }
  return ACTIVITIES.filter((a) => agreed.has(a) && !refused.has(a)).map((a) => ({ value: a, excerpt: agreed.get(a)! }));
}

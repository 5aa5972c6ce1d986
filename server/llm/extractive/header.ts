/**
 * "Key: value" lines that managers put at the top of notes ("Customer: …", "Role: …", "**Company:** …").
 * They are the most reliable facts in notes, so they are read first and weigh most.
 */

export type HeaderKey =
  | 'person'
  | 'company'
  | 'customer'
  | 'title'
  | 'region'
  | 'industry'
  | 'companySize'
  | 'languages'
  | 'products'
  | 'interviewer'
  | 'participants';

export interface HeaderField {
  key: HeaderKey;
  value: string;
  /** Offsets of the value in the text. */
  start: number;
  end: number;
}

const KEYS: Record<string, HeaderKey> = {
  interviewee: 'person', contact: 'person', 'customer contact': 'person', advocate: 'person', name: 'person',
  champion: 'person', 'spoke with': 'person', 'speaking with': 'person',
  company: 'company', organisation: 'company', organization: 'company', account: 'company', client: 'company',
  employer: 'company', 'customer company': 'company',
  customer: 'customer',
  role: 'title', title: 'title', 'job title': 'title', position: 'title',
  location: 'region', region: 'region', country: 'region', 'based in': 'region', hq: 'region',
  headquarters: 'region', city: 'region',
  industry: 'industry', sector: 'industry', vertical: 'industry',
  size: 'companySize', 'company size': 'companySize', employees: 'companySize', headcount: 'companySize',
  languages: 'languages', language: 'languages', 'languages spoken': 'languages',
  products: 'products', product: 'products', 'products used': 'products',
  interviewer: 'interviewer', 'interviewed by': 'interviewer', 'notes by': 'interviewer', host: 'interviewer',
  participants: 'participants', attendees: 'participants',
};

// Optional bullet, optional bold/underline around the key (with the colon inside or outside), the value.
const HEADER_LINE = /^(\s*(?:[-*•]\s+)?(?:\*\*|__)?)([\p{L}][\p{L} ]{0,24}?)\s*(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(\S.*?)\s*$/u;

export interface TextLine {
  start: number;
  text: string;
}

export function readHeader(lines: TextLine[]): HeaderField[] {
  const fields: HeaderField[] = [];
  for (const line of lines) {
    const m = HEADER_LINE.exec(line.text);
    if (!m) continue;
    const key = KEYS[m[2].toLowerCase()];
    if (!key) continue;
    const value = m[3].replace(/\*\*|__/g, '').trim();
    const offset = line.text.indexOf(m[3], m[1].length + m[2].length);
    fields.push({ key, value, start: line.start + offset, end: line.start + offset + m[3].length });
  }
  return fields;
}

export function headerValues(header: HeaderField[], key: HeaderKey): HeaderField[] {
  return header.filter((f) => f.key === key);
}

/** "Sam Carter (Lumen), Maarten de Vries (Vandersloot Logistics)" → people with their organisation. */
export function parseParticipants(value: string): { name: string; org?: string }[] {
  return value
    .split(/\s*(?:,|;|\band\b)\s*(?![^()]*\))/)
    .map((part) => {
      const m = /^(.*?)\s*(?:\(([^()]+)\))?$/.exec(part.trim())!;
      return { name: m[1].trim(), org: m[2]?.trim() };
    })
    .filter((p) => p.name !== '');
}

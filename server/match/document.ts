import { ACTIVITY_LABELS, type ProfileFields } from '../domain/profile.js';

/**
 * The text that represents an advocate in the search index (both the full-text column and the vector).
 * Facts a prospect is described by come first; quotes last, since they are long and mostly sentiment.
 */
export function advocateDocument(a: ProfileFields): string {
  const parts = [
    a.title && `${a.title} at ${a.company || 'a customer'}`,
    a.industry && `Industry: ${a.industry}`,
    a.region && `Region: ${a.region}`,
    a.companySize && `Company size: ${a.companySize}`,
    a.products.length > 0 && `Products: ${a.products.join(', ')}`,
    a.useCases.length > 0 && `Use cases: ${a.useCases.join('; ')}`,
    a.outcomes.length > 0 && `Outcomes: ${a.outcomes.join('; ')}`,
    a.languages.length > 0 && `Languages: ${a.languages.join(', ')}`,
    a.activities.length > 0 && `Available for: ${a.activities.map((x) => ACTIVITY_LABELS[x]).join(', ')}`,
    a.quotes.length > 0 && `Quotes: ${a.quotes.join(' ')}`,
  ];
  return parts.filter(Boolean).join('\n');
}

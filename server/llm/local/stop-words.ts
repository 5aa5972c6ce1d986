/**
 * Function words dropped before pooling. SIF weighting already shrinks frequent words, but pronouns such as
 * "yours" or "hers" are rare in the news corpus the vectors come from (rank > 10k), so they would get a
 * content word's weight without this list. Based on NLTK's English list, plus "us" ("evaluating us for …")
 * and a few connectives that say nothing about a prospect.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are as at be because been before being below between
  both but by can could did do does doing down during each etc few for from further had has have having he her
  here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now
  of off on once only or other our ours ourselves out over own same she should so some such than that the their
  theirs them themselves then there these they this those through to too under until up very was we were what
  when where which while who whom why will with would you your yours yourself yourselves also us via per within
  without across among may might must shall let lets e.g i.e`.split(/\s+/),
);

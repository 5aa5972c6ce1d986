import type { FastifyInstance } from 'fastify';
import sjson from 'secure-json-parse';
import { invalid, unsupportedMedia } from '../domain/errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The API takes JSON and nothing else. Fastify's default parsers are replaced so that every bad body gets
 * a 4xx that says what to fix:
 * - no parser for text/plain (Fastify has one by default): any type but JSON is 415, as is a body
 *   without a content type;
 * - JSON in another charset than UTF-8 is 415; bytes that are not UTF-8 are 400 (a Latin-1 file pasted by a
 *   script would otherwise be stored with U+FFFD in place of its accents);
 * - invalid JSON is 400 with the parser's own reason; `__proto__` and `constructor.prototype` keys are 400
 *   (secure-json-parse, the parser Fastify itself uses, rejects them).
 */
export function registerJsonBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body: Buffer, done) => {
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1];
    if (charset && !/^utf-?8$/i.test(charset)) {
      return done(unsupportedMedia(`Send JSON in UTF-8 (the request says charset=${charset.slice(0, 40)}).`), undefined);
    }
    if (body.length === 0) return done(invalid('The request body is empty; send JSON.'), undefined);
    let text: string;
    try {
      text = utf8.decode(body);
    } catch {
      return done(invalid('The request body is not valid UTF-8 text; send JSON encoded as UTF-8.'), undefined);
    }
    try {
      done(null, sjson.parse(text, { protoAction: 'error', constructorAction: 'error' }));
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      done(
        /forbidden prototype/i.test(reason)
          ? invalid('The JSON uses a reserved key ("__proto__" or "constructor.prototype"); remove it.')
          : invalid(`The request body is not valid JSON: ${reason.slice(0, 200)}`),
        undefined,
      );
    }
  });
}

import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ApiError } from '../domain/api/session.js';
import { authPlugin } from './auth.js';
import { registerJsonBodies } from './body.js';
import type { AppContext } from './context.js';
import { registerErrorHandling } from './errors.js';
import { advocateRoutes } from './routes/advocates.js';
import { draftRoutes } from './routes/drafts.js';
import { evalRoutes } from './routes/evals.js';
import { passwordRoutes } from './routes/passwords.js';
import { programRoutes } from './routes/program.js';
import { requestRoutes } from './routes/requests.js';
import { sessionRoutes } from './routes/session.js';
import { systemRoutes } from './routes/system.js';
import { wsRoutes } from './routes/ws.js';

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: { method: string; url: string }[];
  }
}

/** Believe the nearest `hops` proxies (Fastify takes a number too, but its types do not say so). */
const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

/** Where `vite build` puts the UI; served by the same process so the app is one port. */
export const UI_DIR = path.resolve(import.meta.dirname, '../../build');

export async function buildApp(ctx: AppContext, options: { logger?: boolean | object } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    // Whose X-Forwarded-For to believe (VOUCH_TRUST_PROXY): by default nobody's, so request.ip is the peer.
    trustProxy: typeof ctx.config.trustProxy === 'number' ? trustHops(ctx.config.trustProxy) : ctx.config.trustProxy,
    // A malformed URL (bad %-escape, over-long segment) answers in the API's error shape, like everything else.
    frameworkErrors: (err, _req, reply: FastifyReply) =>
      reply.status(400).send({ error: 'bad_request', message: `The address is not valid: ${err.message}` } satisfies ApiError),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  registerJsonBodies(app);

  await app.register(cookie);
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(swagger, {
    openapi: { info: { title: 'Vouch API', version: '0.1.0', description: 'Customer-advocacy workbench API' } },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(authPlugin, { stores: ctx.stores });

  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    // The page's own CSP comes from a <meta> tag SvelteKit writes with script hashes; this adds what
    // <meta> cannot carry and covers API responses and /docs.
    if (!reply.hasHeader('content-security-policy')) {
      reply.header('content-security-policy', "frame-ancestors 'none'; object-src 'none'; base-uri 'self'");
    }
    return payload;
  });

  // Every route, for the route × role walk in test/integration/access-matrix.test.ts.
  const routes: { method: string; url: string }[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') routes.push({ method, url: r.url });
  });
  app.decorate('routeTable', routes);
  await app.register(sessionRoutes, { ctx });
  await app.register(passwordRoutes, { ctx });
  await app.register(draftRoutes, { ctx });
  await app.register(advocateRoutes, { ctx });
  await app.register(evalRoutes, { ctx });
  await app.register(requestRoutes, { ctx });
  await app.register(programRoutes, { ctx });
  await app.register(systemRoutes, { ctx });
  await app.register(wsRoutes, { ctx });

  const hasUi = fs.existsSync(path.join(UI_DIR, 'index.html'));
  if (hasUi) await app.register(fastifyStatic, { root: UI_DIR, wildcard: false });
  app.setNotFoundHandler((req, reply) => {
    if (req.method === 'GET' && !req.url.startsWith('/api/') && hasUi) {
      // Client-side routes (/review/123…) are the SPA's: serve its shell.
      return reply.type('text/html').sendFile('index.html');
    }
    const body: ApiError = { error: 'not_found', message: `No route ${req.method} ${req.url.split('?')[0]}` };
    return reply.status(404).send(body);
  });
  return app;
}

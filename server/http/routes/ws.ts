import type { FastifyPluginAsync } from 'fastify';
import { mayReceive } from '../../domain/events.js';
import type { AppContext } from '../context.js';

/**
 * GET /ws — server → browser events. Signed-in users only; each event goes only to the people it concerns
 * (domain/events.ts#mayReceive): a rep's browser never learns that a draft exists, nor of others' requests.
 */
export const wsRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/ws', { websocket: true }, (socket, req) => {
    const user = req.user;
    if (!user) {
      socket.close(4401, 'Sign in first');
      return;
    }
    socket.send(JSON.stringify({ type: 'hello', user: { id: user.id, role: user.role } }));
    const unsubscribe = ctx.bus.subscribe((event) => {
      if (!mayReceive(event, user)) return;
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(event));
    });
    socket.on('close', unsubscribe);
    socket.on('error', unsubscribe);
  });
};

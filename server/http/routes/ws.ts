import type { FastifyPluginAsync } from 'fastify';
import { can } from '../../domain/user.js';
import type { AppContext } from '../context.js';

/**
 * GET /ws — server → browser events. Signed-in users only; draft events go only to roles that may read
 * drafts (a rep's browser never learns that a draft exists).
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
      if (event.type === 'draft.updated' && !can(user.role, 'drafts:read')) return;
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(event));
    });
    socket.on('close', unsubscribe);
    socket.on('error', unsubscribe);
  });
};

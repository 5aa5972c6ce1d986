import type { FastifyPluginAsync } from 'fastify';
import { mayReceive } from '../../domain/events.js';
import { hashToken } from '../../store/sessions.js';
import type { AppContext } from '../context.js';
import { createLiveSockets, SIGNED_OUT, type LiveSocket } from '../live-sockets.js';

/**
 * GET /ws — server → browser events. Signed-in users only; each event goes only to the people it concerns
 * (domain/events.ts#mayReceive): a rep's browser never learns that a draft exists, nor of others' requests.
 * A socket lives no longer than its session (server/http/live-sockets.ts): signing out, a new password,
 * expiry or a changed role close it with 4401.
 */
export const wsRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { sessions, users } = ctx.stores;
  const live = createLiveSockets({
    everyMs: ctx.config.syncPollMs,
    onError: (err) => app.log.error({ err }, 're-checking the sessions of open websockets failed'),
    async recheck(open) {
      const alive = await sessions.alive(open.flatMap((s) => (s.sessionHash ? [s.sessionHash] : [])));
      const roles = await users.roles([...new Set(open.filter((s) => !s.sessionHash).map((s) => s.userId))]);
      return open.filter((s) => (s.sessionHash ? alive.get(s.sessionHash)?.role : roles.get(s.userId)) !== s.role);
    },
  });
  const unsubscribeEnds = ctx.sessionEnds.subscribe((end) => live.end(end));
  app.addHook('onClose', async () => {
    unsubscribeEnds();
    live.stop();
  });

  app.get('/ws', { websocket: true }, (socket, req) => {
    const user = req.user;
    if (!user) {
      socket.close(SIGNED_OUT, 'Sign in first');
      return;
    }
    const entry: LiveSocket = { socket, userId: user.id, role: user.role };
    if (req.auth?.kind === 'session') entry.sessionHash = hashToken(req.auth.sessionId);
    live.add(entry, req.auth?.kind === 'session' ? req.auth.expiresAt : undefined);
    socket.send(JSON.stringify({ type: 'hello', user: { id: user.id, role: user.role } }));
    const unsubscribe = ctx.bus.subscribe((event) => {
      if (!mayReceive(event, user)) return;
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(event));
    });
    socket.on('close', unsubscribe);
    socket.on('error', unsubscribe);
  });
};

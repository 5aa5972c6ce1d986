import { EventEmitter } from 'node:events';
import { z } from 'zod';

/**
 * "These sessions are over": one session (signed out), or all of a person's sessions, perhaps but one
 * (a new password). The websocket route closes the sockets they opened. Sessions are named by the SHA-256
 * of their id (what the store keeps), so the message carries nothing that opens a session.
 */
export const SessionEnd = z.union([
  z.object({ sessionHash: z.string().min(1) }),
  z.object({ userId: z.string().min(1), except: z.string().optional() }),
]);
export type SessionEnd = z.infer<typeof SessionEnd>;

/**
 * Like the event bus (server/events.ts): published here, and with several instances on Postgres relayed
 * to the others (LISTEN/NOTIFY), which `deliver` it to their own sockets.
 */
export function createSessionEnds() {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  let relay: ((end: SessionEnd) => void) | undefined;
  return {
    publish(end: SessionEnd): void {
      emitter.emit('end', end);
      relay?.(end);
    },
    /** An end another instance published: to this instance's sockets, not relayed again. */
    deliver(body: unknown): void {
      const end = SessionEnd.safeParse(body);
      if (end.success) emitter.emit('end', end.data);
    },
    subscribe(listener: (end: SessionEnd) => void): () => void {
      emitter.on('end', listener);
      return () => emitter.off('end', listener);
    },
    relayTo(send: (end: SessionEnd) => void): void {
      relay = send;
    },
  };
}
export type SessionEnds = ReturnType<typeof createSessionEnds>;

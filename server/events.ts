import { EventEmitter } from 'node:events';
import type { WsEvent } from './domain/events.js';

/**
 * Event bus: services publish, the websocket route fans out to connected browsers. With several instances
 * on Postgres, a relay (server/store/notify.ts, LISTEN/NOTIFY) carries each event to the other instances,
 * which `deliver` it to their own sockets; `local` events (places in the queue) are not relayed.
 */
export function createEventBus() {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  let relay: ((event: WsEvent) => void) | undefined;
  return {
    publish(event: WsEvent, opts: { local?: boolean } = {}): void {
      emitter.emit('event', event);
      if (!opts.local) relay?.(event);
    },
    subscribe(listener: (event: WsEvent) => void): () => void {
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
    /** An event another instance published: to this instance's sockets, not relayed again. */
    deliver(event: WsEvent): void {
      emitter.emit('event', event);
    },
    relayTo(send: (event: WsEvent) => void): void {
      relay = send;
    },
  };
}
export type EventBus = ReturnType<typeof createEventBus>;

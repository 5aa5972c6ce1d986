import { EventEmitter } from 'node:events';
import type { WsEvent } from './domain/events.js';

/** In-process event bus: services publish, the websocket route fans out to connected browsers. */
export function createEventBus() {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish(event: WsEvent): void {
      emitter.emit('event', event);
    },
    subscribe(listener: (event: WsEvent) => void): () => void {
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
  };
}
export type EventBus = ReturnType<typeof createEventBus>;

/**
 * The wire protocol between two ends of any RPC link: host ↔ engine process (fork / utilityProcess),
 * browser ↔ web host (WebSocket), and the in-memory pair used by tests. A union discriminated on `type`.
 */
import type { ErrorData } from './errors.ts';

export type WireMessage =
  | { type: 'call'; id: number; method: string; input: unknown }
  | { type: 'result'; id: number; output: unknown }
  | { type: 'error'; id: number; error: ErrorData }
  | { type: 'event'; event: string; payload: unknown };

/** One end of a message link. `send` must accept structured-clone/JSON-safe data only. */
export interface MessagePortLike {
  send(message: WireMessage): void;
  onMessage(listener: (message: WireMessage) => void): () => void;
}

export function isWireMessage(value: unknown): value is WireMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'call' || type === 'result' || type === 'error' || type === 'event';
}

/** Two connected in-memory ports, for tests and for the CLI running the engine in-process. */
export function createPortPair(): [MessagePortLike, MessagePortLike] {
  const listeners: [Set<(m: WireMessage) => void>, Set<(m: WireMessage) => void>] = [new Set(), new Set()];
  const make = (self: 0 | 1): MessagePortLike => ({
    // Deliver asynchronously and through a JSON round trip, as a real process boundary would.
    send: (message) => {
      const copy = JSON.parse(JSON.stringify(message)) as WireMessage;
      queueMicrotask(() => listeners[self === 0 ? 1 : 0].forEach((l) => l(copy)));
    },
    onMessage: (listener) => {
      listeners[self].add(listener);
      return () => listeners[self].delete(listener);
    },
  });
  return [make(0), make(1)];
}

/**
 * One browser connection: a `ws` socket seen as a MessagePortLike, served with the contract's `serveRpc` over
 * `studioMethods` only (host methods — dialogs, raw paths — are never reachable from a browser).
 */
import type { WebSocket } from 'ws';
import { serveRpc } from '../contract/dispatch.ts';
import { studioMethods } from '../contract/methods.ts';
import type { MessagePortLike, WireMessage } from '../contract/protocol.ts';
import { redactErrorData } from '../contract/redact-error.ts';
import type { RedactOptions } from '../contract/redact-error.ts';
import { userText } from '../contract/user-text.ts';
import type { StudioBackend } from '../engine/host/studio-backend.ts';

/** Close codes the bridge can tell apart. */
export const CloseCode = {
  goingAway: 1001,
  unsupportedData: 1003,
  invalidPayload: 1007,
  /** The client is not reading fast enough; it reconnects and re-reads state. */
  tooSlow: 4008,
} as const;

/** Above this many unsent bytes a socket is dropped rather than buffering events without bound. */
const MAX_BUFFERED = 16 * 1024 * 1024;

/**
 * Parse one text frame. Returns the call to serve, or a reason to close the socket. Messages other than calls
 * (a browser never sends results or events) are ignored.
 */
export function parseClientFrame(data: string): { call: Extract<WireMessage, { type: 'call' }> } | { ignore: true } | { close: string } {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return { close: userText('NLP Studio: a message was not valid JSON') };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { close: userText('NLP Studio: a message was not a JSON object') };
  const m = value as { type?: unknown; id?: unknown; method?: unknown; input?: unknown };
  if (m.type !== 'call') return { ignore: true };
  if (typeof m.id !== 'number' || !Number.isSafeInteger(m.id) || typeof m.method !== 'string') {
    return { close: userText('NLP Studio: a call needs a numeric id and a method name') };
  }
  return { call: { type: 'call', id: m.id, method: m.method, input: m.input } };
}

/**
 * Serve RPC on `socket` until it closes. Returns the port, whose `send` also carries broadcast events. Errors leave
 * redacted (no stack, no server paths) unless `redact.debug`.
 */
export function attachSocket(socket: WebSocket, backend: StudioBackend, redact: RedactOptions = {}): MessagePortLike {
  const listeners = new Set<(message: WireMessage) => void>();
  const port: MessagePortLike = {
    send(message) {
      if (socket.readyState !== socket.OPEN) return;
      if (message.type === 'error') message = { ...message, error: redactErrorData(message.error, redact) };
      if (socket.bufferedAmount > MAX_BUFFERED) {
        socket.close(CloseCode.tooSlow, userText('NLP Studio: the page is not keeping up with events; reconnect'));
        return;
      }
      let text: string;
      try {
        text = JSON.stringify(message);
      } catch (error) {
        // A handler returned something JSON cannot carry: answer the call with an error instead of throwing here.
        if (message.type !== 'result') return;
        const reason = error instanceof Error ? error.message : String(error);
        const data = redactErrorData({ name: 'InternalError', message: userText('The result could not be sent: {reason}', { reason }) }, redact);
        text = JSON.stringify({ type: 'error', id: message.id, error: data });
      }
      socket.send(text);
    },
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const stop = serveRpc(studioMethods, backend.handlers, port);
  socket.on('message', (data, isBinary) => {
    if (isBinary) {
      socket.close(CloseCode.unsupportedData, userText('NLP Studio: binary messages are not supported'));
      return;
    }
    const parsed = parseClientFrame(data.toString());
    if ('close' in parsed) socket.close(CloseCode.invalidPayload, parsed.close);
    else if ('call' in parsed) listeners.forEach((listener) => listener(parsed.call));
  });
  socket.on('close', () => {
    stop();
    listeners.clear();
  });
  return port;
}

/**
 * A MessagePortLike over a WebSocket that survives restarts of the connection: it reconnects with backoff, holds
 * calls made while disconnected until the socket is back (or fails them after a timeout), and fails the calls that
 * were in flight on a socket that dropped, since their answers are lost with it. Browser-safe: no Node imports.
 */
import type { ErrorData } from '../../contract/errors.ts';
import type { MessagePortLike, WireMessage } from '../../contract/protocol.ts';
import { userText } from '../../contract/user-text.ts';

/** The part of the WHATWG WebSocket this needs (the browser's, or `ws` in tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export type ConnectionStatus = 'connecting' | 'open' | 'closed';

export interface ReconnectingPortOptions {
  /** Where to connect; a function so the URL can change between attempts. */
  url: string | (() => string);
  createSocket: (url: string) => SocketLike;
  /** How long a call made while disconnected waits for the connection before it fails. @default 30000 */
  connectTimeoutMs?: number;
  /** First reconnection delay, doubled after each failure. @default 250 */
  minDelayMs?: number;
  /** @default 5000 */
  maxDelayMs?: number;
  onStatus?: (status: ConnectionStatus, detail: string) => void;
}

const OPEN = 1;

interface Queued {
  text: string;
  call: { id: number; method: string } | null;
  timer: ReturnType<typeof setTimeout> | null;
}

export class ReconnectingSocketPort implements MessagePortLike {
  private socket: SocketLike | null = null;
  private readonly listeners = new Set<(message: WireMessage) => void>();
  private readonly queue: Queued[] = [];
  /** Calls sent on the current socket and not yet answered: id → method. */
  private readonly inFlight = new Map<number, string>();
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private lastProblem = userText('not connected yet');

  constructor(private readonly opts: ReconnectingPortOptions) {
    this.connect();
  }

  get connected(): boolean {
    return this.socket?.readyState === OPEN;
  }

  send(message: WireMessage): void {
    const text = JSON.stringify(message);
    const call = message.type === 'call' ? { id: message.id, method: message.method } : null;
    if (this.stopped) {
      if (call) this.failCall(call.id, userText('{method} failed: the connection to the NLP Studio server was closed', { method: call.method }));
      return;
    }
    if (this.socket && this.socket.readyState === OPEN) {
      this.transmit(this.socket, text, call);
      return;
    }
    const item: Queued = { text, call, timer: null };
    if (call) {
      item.timer = setTimeout(() => {
        const index = this.queue.indexOf(item);
        if (index >= 0) this.queue.splice(index, 1);
        this.failCall(
          call.id,
          userText('{method} failed: cannot reach the NLP Studio server ({problem}).', { method: call.method, problem: this.lastProblem }) +
            ' ' +
            userText('Check that `nlp-studio serve` is still running; if it was restarted, open the new URL it printed.'),
        );
      }, this.opts.connectTimeoutMs ?? 30_000);
    }
    this.queue.push(item);
  }

  onMessage(listener: (message: WireMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stop for good: no more reconnections; waiting calls fail. */
  close(): void {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = null;
      socket.close(1000, userText('closed by the page'));
    }
    this.dropInFlight(userText('the connection was closed'));
    for (const item of this.queue.splice(0)) {
      if (item.timer) clearTimeout(item.timer);
      if (item.call) this.failCall(item.call.id, userText('{method} failed: the connection was closed', { method: item.call.method }));
    }
    this.status('closed', userText('closed by the page'));
  }

  private connect(): void {
    if (this.stopped) return;
    this.reconnectTimer = null;
    const url = typeof this.opts.url === 'function' ? this.opts.url() : this.opts.url;
    this.status('connecting', url);
    let socket: SocketLike;
    try {
      socket = this.opts.createSocket(url);
    } catch (error) {
      this.lastProblem = error instanceof Error ? error.message : String(error);
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.attempt = 0;
      this.status('open', url);
      for (const item of this.queue.splice(0)) {
        if (item.timer) clearTimeout(item.timer);
        this.transmit(socket, item.text, item.call);
      }
    };
    socket.onmessage = (event) => {
      if (this.socket !== socket || typeof event.data !== 'string') return;
      let message: unknown;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      if (typeof message !== 'object' || message === null) return;
      const m = message as WireMessage;
      if (m.type === 'result' || m.type === 'error') this.inFlight.delete(m.id);
      if (m.type === 'result' || m.type === 'error' || m.type === 'event') this.deliver(m);
    };
    socket.onerror = () => {
      // Browsers say nothing about why; `close` follows and carries what there is.
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.lastProblem =
        event.reason || (event.code === 1006 ? userText('the connection failed or was refused') : userText('closed with code {code}', { code: event.code }));
      this.dropInFlight(this.lastProblem);
      this.status('closed', this.lastProblem);
      this.scheduleReconnect();
    };
  }

  private transmit(socket: SocketLike, text: string, call: Queued['call']): void {
    if (call) this.inFlight.set(call.id, call.method);
    socket.send(text);
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    const min = this.opts.minDelayMs ?? 250;
    const max = this.opts.maxDelayMs ?? 5000;
    const delay = Math.min(max, min * 2 ** this.attempt++) * (0.75 + Math.random() * 0.25);
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  /** The answers to calls sent on a socket that died are lost: fail them (they may or may not have run). */
  private dropInFlight(reason: string): void {
    for (const [id, method] of [...this.inFlight]) {
      this.failCall(id, userText('{method} failed: the connection to the NLP Studio server was lost before it answered ({reason})', { method, reason }));
    }
    this.inFlight.clear();
  }

  private failCall(id: number, message: string): void {
    const error: ErrorData = { name: 'InternalError', message };
    this.deliver({ type: 'error', id, error });
  }

  private deliver(message: WireMessage): void {
    for (const listener of [...this.listeners]) listener(message);
  }

  private status(status: ConnectionStatus, detail: string): void {
    this.opts.onStatus?.(status, detail);
  }
}

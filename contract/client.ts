/** The calling side of the contract: a typed, namespaced API over any message link. */
import { StudioError } from './errors.ts';
import type { ErrorData } from './errors.ts';
import type { MethodInput, MethodOutput, MethodTable } from './methods.ts';
import type { MessagePortLike, WireMessage } from './protocol.ts';
import { userText } from './user-text.ts';

type Namespace<K> = K extends `${infer NS}.${string}` ? NS : never;
type Method<K, NS extends string> = K extends `${NS}.${infer M}` ? M : never;
type Call<T extends MethodTable, K extends keyof T> = {} extends MethodInput<T, K>
  ? (args?: MethodInput<T, K>) => Promise<MethodOutput<T, K>>
  : (args: MethodInput<T, K>) => Promise<MethodOutput<T, K>>;

/** `{ 'corpus.import': … }` becomes `api.corpus.import(args)`. */
export type NestedApi<T extends MethodTable> = {
  [NS in Namespace<keyof T>]: { [K in keyof T as Method<K, NS>]: Call<T, K> };
};

export type CallFn = (method: string, input: unknown) => Promise<unknown>;

export function nestMethods<T extends MethodTable>(table: T, call: CallFn): NestedApi<T> {
  const api: Record<string, Record<string, (args?: unknown) => Promise<unknown>>> = {};
  for (const name of Object.keys(table)) {
    const dot = name.indexOf('.');
    const ns = name.slice(0, dot);
    (api[ns] ??= {})[name.slice(dot + 1)] = (args?: unknown) => call(name, args ?? {});
  }
  return api as NestedApi<T>;
}

/** Matches results to calls by id, and fans events out to listeners. */
export class RpcClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private readonly detach: () => void;
  private closedWith: StudioError | null = null;

  constructor(private readonly port: MessagePortLike) {
    this.detach = port.onMessage((message) => this.receive(message));
  }

  call(method: string, input: unknown): Promise<unknown> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.port.send({ type: 'call', id, method, input });
    });
  }

  on(event: string, listener: (payload: unknown) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Reject every call still waiting (the other end died) without closing the client. */
  failPending(error: StudioError): void {
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }

  close(error = new StudioError('InternalError', userText('The connection was closed'))): void {
    this.closedWith = error;
    this.failPending(error);
    this.detach();
  }

  private receive(message: WireMessage): void {
    if (message.type === 'event') {
      this.listeners.get(message.event)?.forEach((listener) => listener(message.payload));
      return;
    }
    if (message.type !== 'result' && message.type !== 'error') return;
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    if (message.type === 'result') waiting.resolve(message.output);
    else waiting.reject(StudioError.fromData(message.error as ErrorData));
  }
}

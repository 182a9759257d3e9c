/** The receiving side of the contract: validate, then call the handler; every failure becomes ErrorData. */
import { z } from './zod.ts';
import { StudioError, errorToData } from './errors.ts';
import type { Handlers, MethodTable } from './methods.ts';
import type { MessagePortLike, WireMessage } from './protocol.ts';
import { userText } from './user-text.ts';

/** Parse `input` against the method's schema; unknown methods and bad payloads throw typed errors. */
export function parseCall<T extends MethodTable>(table: T, method: string, input: unknown): { method: keyof T & string; args: unknown } {
  if (!Object.hasOwn(table, method)) throw new StudioError('UnknownMethodError', userText('Unknown method "{method}"', { method }));
  const parsed = table[method].input.safeParse(input ?? {});
  if (!parsed.success) {
    throw new StudioError('ValidationError', userText('Invalid arguments for {method}: {details}', { method, details: z.prettifyError(parsed.error) }));
  }
  return { method, args: parsed.data };
}

export async function dispatch<T extends MethodTable>(table: T, handlers: Handlers<T>, method: string, input: unknown): Promise<unknown> {
  const call = parseCall(table, method, input);
  const handler = handlers[call.method] as (args: unknown) => Promise<unknown>;
  return handler(call.args);
}

/** Answer one message: a `call` gets a `result` or an `error` on `port`; anything else is ignored. */
export function answerCall<T extends MethodTable>(table: T, handlers: Handlers<T>, port: MessagePortLike, message: WireMessage): void {
  if (message.type !== 'call') return;
  dispatch(table, handlers, message.method, message.input).then(
    (output) => port.send({ type: 'result', id: message.id, output: output ?? {} }),
    (error: unknown) => port.send({ type: 'error', id: message.id, error: errorToData(error) }),
  );
}

/** Answer every `call` arriving on `port`. Returns a function that stops serving. */
export function serveRpc<T extends MethodTable>(table: T, handlers: Handlers<T>, port: MessagePortLike): () => void {
  return port.onMessage((message) => answerCall(table, handlers, port, message));
}

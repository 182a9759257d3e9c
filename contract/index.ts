/** The one typed API of NLP Studio. Everything here is pure (no Node, no DOM, no Electron): every layer may import it. */
export * from './backend.ts';
export * from './client.ts';
export * from './corpus.ts';
export * from './dispatch.ts';
export * from './errors.ts';
export * from './files.ts';
export * from './events.ts';
export * from './jobs.ts';
export * from './methods.ts';
export * from './protocol.ts';
export * from './runs.ts';
export * from './samples.ts';
export * from './studio-api.ts';
export * from './word2vec.ts';
export * from './ipc-channels.ts';
export * from './models.ts';

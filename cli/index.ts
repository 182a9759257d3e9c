/**
 * `nlp-studio`: the engine without a window, for servers and scripts. Every command takes --workspace DIR (the
 * same folder the desktop app uses) and --json (the last line of stdout is one JSON object). Errors go to stderr
 * with a non-zero exit code.
 */
import { StudioError } from '../contract/errors.ts';
import { STUDIO_VERSION } from '../engine/engine.ts';
import { runDoctor } from './commands/doctor.ts';
import { runImport } from './commands/import.ts';
import { runServe } from './commands/serve.ts';
import { runTrain } from './commands/train.ts';
import { runAnalogy, runExport, runNeighbors, runSimilarity } from './commands/vectors.ts';
import { printError } from './output.ts';

const USAGE = `NLP Studio ${STUDIO_VERSION} — train and explore NLP models on your own corpora, offline.

Usage: nlp-studio <command> [flags]

  import PATH…                       import text/CSV/TSV/JSONL files or folders as a corpus
      [--format auto|text|csv|tsv|jsonl] [--encoding auto|utf-8|utf-16le|utf-16be|gb18030|big5|latin1]
      [--column NAME|INDEX] [--tokenizer words|whitespace] [--no-lowercase] [--name NAME]
  train word2vec --corpus PATH|ID    train word2vec on a file (imported first) or a workspace corpus
      [--mode skipgram|cbow] [--dim N] [--window N] [--min-count N] [--negative N] [--sample X]
      [--alpha X] [--min-alpha X] [--epochs N] [--threads N] [--seed N] [--out DIR]
  neighbors --model DIR WORD [--top N]   nearest neighbours by cosine similarity
  similarity --model DIR A B             cosine similarity of two words
  analogy --model DIR A B C [--top N]    A − B + C (king man woman → queen)
  export --model DIR --format word2vec-text|word2vec-bin --to FILE
  serve [--port N] [--host H]        the app in a browser (prints a URL with an access token)
  doctor                             runtime, workspace and tensor backend, and why

Every command: --workspace DIR (default: the app's workspace), --backend auto|tensorflow-gpu|tensorflow|wasm|cpu,
--json (last stdout line is a JSON object). --model takes a run folder or a run id.`;

const COMMANDS: Record<string, (argv: string[]) => Promise<void>> = {
  import: runImport,
  train: runTrain,
  neighbors: runNeighbors,
  neighbours: runNeighbors,
  similarity: runSimilarity,
  analogy: runAnalogy,
  export: runExport,
  serve: runServe,
  doctor: runDoctor,
};

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return;
  }
  if (command === '--version' || command === '-v') {
    console.log(STUDIO_VERSION);
    return;
  }
  const run = COMMANDS[command];
  if (!run) throw new StudioError('ValidationError', `Unknown command "${command}". Run nlp-studio --help`);
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(USAGE);
    return;
  }
  await run(rest);
}

main(process.argv.slice(2)).then(
  () => {
    // `serve` keeps running on its own; every other command is done.
    if (process.argv[2] !== 'serve') process.exit(0);
  },
  (error: unknown) => {
    printError(error);
    process.exit(error instanceof StudioError && error.name === 'CancelledError' ? 130 : 1);
  },
);

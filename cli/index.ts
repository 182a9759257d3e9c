/**
 * `nlp-studio`: the engine without a window, for servers and scripts. Every command takes --workspace DIR (the
 * same folder the desktop app uses) and --json (the last line of stdout is one JSON object). Errors go to stderr
 * with a non-zero exit code.
 */
import { StudioError } from '../contract/errors.ts';
import { ExportFormat } from '../contract/word2vec.ts';
import { STUDIO_VERSION } from '../engine/engine.ts';
import { runDoctor } from './commands/doctor.ts';
import { runEvaluateVectors } from './commands/evaluate-vectors.ts';
import { runImportAny } from './commands/import-any.ts';
import { runImportVectors } from './commands/import-vectors.ts';
import { runRuns } from './commands/runs.ts';
import { runSamples } from './commands/samples.ts';
import { runServe } from './commands/serve.ts';
import { runTrain } from './commands/train.ts';
import { runEvaluate, runGenerate, runImportModel, runPredict, runResume, runTranslate } from './commands/neural.ts';
import { runAnalogy, runExport, runNeighbors, runSimilarity } from './commands/vectors.ts';
import { printError } from './output.ts';

const USAGE = `NLP Studio ${STUDIO_VERSION} — train and explore NLP models on your own corpora, offline.

Usage: nlp-studio <command> [flags]

  import PATH…                       import text/CSV/TSV/JSONL files or folders as a corpus; a single exported
                                     model zip or vectors file is imported as a run (as import-model / import-vectors)
      [--format auto|text|csv|tsv|jsonl] [--encoding auto|utf-8|utf-16le|utf-16be|gb18030|big5|latin1]
      [--column NAME|INDEX] [--tokenizer words|words+punct|whitespace] [--no-lowercase] [--name NAME]
      [--task text|classification|tagging|translation] [--label-column NAME|INDEX]
      translation: a TSV/CSV/JSONL file of pairs, or two aligned files (train.en train.fr, source first)
      [--source-column C] [--target-column C] [--swap] [--source-language L] [--target-language L]
      [--max-tokens N] [--on-issues abort|filter]   (pairs are checked first; abort lists the bad ones)
  train word2vec --corpus PATH|ID    train word2vec on a file (imported first) or a workspace corpus
      [--mode skipgram|cbow] [--dim N] [--window N] [--min-count N] [--negative N] [--hs] [--sample X]
      [--alpha X] [--min-alpha X] [--epochs N] [--threads N] [--seed N] [--out DIR]
  train classifier|tagger|lm|translator --data PATH|ID   neural models (PATH is imported for the task first)
      [--val PATH|ID] [--test PATH|ID]   validation / test data instead of random splits (imported the same way)
      recurrent (classifier, tagger, lm): --arch rnn|lstm|gru [--bidirectional] [--layers N] [--emb N] [--hidden N]
      [--dropout X] [--level word|char] [--seq N] [--vocab N] [--embeddings RUN [--freeze-embeddings]]
      translator: --arch seq2seq [--cell gru|lstm] [--bidirectional] [--layers N] [--emb N] [--hidden N]
      [--attention bahdanau|luong-dot|luong-general] [--no-input-feeding] [--teacher-forcing X] [--dropout X]
      [--level word|char] [--vocab N] [--shared-vocab] [--max-length N]
      training (every family): [--epochs N] [--batch N] [--steps N] [--minutes X] [--optimizer adam|adamw|sgd]
      [--lr X] [--beta1 X] [--beta2 X] [--weight-decay X] [--schedule constant|linear|cosine|inverse-sqrt]
      [--warmup N] [--clip X] [--label-smoothing X] [--patience N] [--val-split X] [--test-split X] [--seed N]
      [--text-col C] [--label-col C] [--out DIR]
  predict --model DIR TEXT           classify a text, or tag its tokens
  generate --model DIR [--prompt TEXT] [--max-tokens N] [--temperature X] [--top-k N] [--seed N]
  translate --model DIR|ID [--beam N] [--length-penalty X] [--max-length N] [TEXT…]
                                     translate TEXT, or stdin one sentence a line (one translation a line)
  evaluate --model DIR --data PATH|ID   test a neural model on other data (imported for its task; a translator:
                                     BLEU, chrF and exact match)
  resume --model DIR|ID [--data PATH|ID] [--lr X] [--weight-decay X] [--clip X] [--epochs N] [--steps N]
      [--minutes X] [--patience N]   continue a paused, interrupted or diverged run from its last checkpoint
                                     (--data: the corpus to continue on; needed for an imported model; the other
                                     flags change those settings for the rest of the run, e.g. a diverged run
                                     with a lower --lr; recorded in the run's history)
  runs                               the workspace's runs: status (running, paused, interrupted, completed, failed …),
                                     the process training each, its last checkpoint (epoch · step)
  import-model FILE [--name NAME]    import a model zip exported by NLP Studio (any neural model) as a run
  neighbors --model DIR WORD [--top N]   nearest neighbours by cosine similarity
  similarity --model DIR A B             cosine similarity of two words
  analogy --model DIR A B C [--top N]    A − B + C (king man woman → queen)
  export --model DIR --format FORMAT --to FILE   FORMAT: ${ExportFormat.options.join('|')}
      (projector-*: the TSV pair the TensorFlow Embedding Projector loads)
  import-vectors FILE                import pretrained vectors (word2vec text/binary, fastText .vec, GloVe) as a run
      [--format auto|word2vec-bin|word2vec-text|glove] [--max-words N] [--name NAME]
  evaluate-vectors --model DIR|ID    analogy accuracy per section and word-similarity Spearman ρ (as gensim scores them)
      [--analogies FILE] (questions-words format) [--similarity FILE] ("word1 word2 score" lines)
  serve [--port N] [--host H]        the app in a browser (prints a URL with an access token)
      [--max-upload SIZE] (default 4g; NLP_STUDIO_MAX_UPLOAD) [--debug] (stacks and paths in errors; NLP_STUDIO_DEBUG=1)
  doctor                             runtime, workspace and tensor backend, and why
  samples [import CHAPTER]           the first-run guide's chapters; import one's sample data as a corpus (prints
                                     its id and the chapter's training preset)

Every command: --workspace DIR (default: the app's workspace), --backend auto|tensorflow-gpu|tensorflow|wasm|cpu,
--json (last stdout line is a JSON object). --model takes a run folder or a run id.`;

const COMMANDS: Record<string, (argv: string[]) => Promise<void>> = {
  import: runImportAny,
  train: runTrain,
  translate: runTranslate,
  neighbors: runNeighbors,
  neighbours: runNeighbors,
  similarity: runSimilarity,
  analogy: runAnalogy,
  export: runExport,
  predict: runPredict,
  generate: runGenerate,
  evaluate: runEvaluate,
  resume: runResume,
  runs: runRuns,
  samples: runSamples,
  'import-model': runImportModel,
  'import-vectors': runImportVectors,
  'evaluate-vectors': runEvaluateVectors,
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

/**
 * Exit once stdout and stderr have handed everything to the OS: writes to a pipe are asynchronous in Node, and
 * `process.exit` at once would cut off the end of a long output (`translate < in.txt | …`).
 */
function exitWhenFlushed(code: number): void {
  let pending = 2;
  const done = () => --pending === 0 && process.exit(code);
  process.stdout.write('', done);
  process.stderr.write('', done);
}

main(process.argv.slice(2)).then(
  () => {
    // `serve` keeps running on its own; every other command is done.
    if (process.argv[2] !== 'serve') exitWhenFlushed(0);
  },
  (error: unknown) => {
    printError(error);
    exitWhenFlushed(error instanceof StudioError && error.name === 'CancelledError' ? 130 : 1);
  },
);

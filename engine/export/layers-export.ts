/**
 * The TensorFlow.js Layers format, written without tfjs-node's file:// handler: `model.json` (the Keras-style
 * topology + a weights manifest) and one `group1-shard1of1.bin`, loadable by `tf.loadLayersModel` and convertible
 * to Keras with the official converter (`tensorflowjs_converter --input_format=tfjs_layers_model
 * --output_format=keras model.json model.h5`). Beside them: `vocab.json`, `labels.json`, `family.json` (what
 * NLP Studio needs to tokenise, predict and continue training) and `MODEL_CARD.md`.
 * A folder, not a zip: the converter and `tf.loadLayersModel` read the folder as it is, and the desktop app can
 * reveal it; a zip would have to be unpacked before either could use it.
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { StudioError } from '../../contract/errors.ts';
import { userText } from '../../contract/user-text.ts';
import * as tf from '@tensorflow/tfjs';
import { metricsSection } from './model-card.ts';
import { META_FILE, type CardFacts } from '../families/family.ts';
import type { RnnMeta } from '../models/rnn/batches.ts';
import { zipFolder } from './zip.ts';
import { jsonText, replaceDirAtomic, writeFileAtomic } from '../workspace/atomic.ts';
import { commitWithManifest, digestOf, verifyRunFile, verifyRunFiles, type FileDigest } from '../runs/manifest.ts';

/** The run folder's exportable model, whatever the family (the export flow zips it). */
export const EXPORT_DIR = 'tfjs';
const WEIGHTS_FILE = 'group1-shard1of1.bin';

/** Write `<dir>/tfjs/` (replacing an older one as a whole). */
export async function exportLayersModel(model: tf.LayersModel, dir: string, meta: RnnMeta, facts: CardFacts): Promise<string> {
  const target = path.join(dir, EXPORT_DIR);
  // The model files' checksums go into the run's manifest, checked when the export is loaded or zipped.
  const digests: Record<string, FileDigest> = {};
  const write = async (name: string, data: string | Uint8Array, temp: string) => {
    await writeFileAtomic(path.join(temp, name), data);
    digests[`${EXPORT_DIR}/${name}`] = digestOf(data);
  };
  await replaceDirAtomic(
    target,
    async (temp) => {
      await model.save(
        tf.io.withSaveHandler(async (artifacts) => {
          const data = artifacts.weightData;
          const bytes = data === undefined ? new Uint8Array() : Array.isArray(data) ? concat(data) : new Uint8Array(data);
          await write(WEIGHTS_FILE, bytes, temp);
          await write(
            'model.json',
            jsonText({
              format: 'layers-model',
              generatedBy: `TensorFlow.js tfjs-layers v${tf.version_layers}`,
              convertedBy: null,
              modelTopology: kerasCompatible(artifacts.modelTopology),
              weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs }],
            }),
            temp,
          );
          return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: bytes.byteLength } };
        }),
      );
      await write('vocab.json', jsonText(meta.vocab), temp);
      await write('labels.json', jsonText(meta.labels), temp);
      await write(META_FILE, jsonText(meta), temp);
      await writeFileAtomic(path.join(temp, 'MODEL_CARD.md'), modelCard(meta, facts));
    },
    (swap) => commitWithManifest(dir, digests, swap, `${EXPORT_DIR}/`),
  );
  return target;
}

/**
 * Copy an exported folder's weights into a model of the same architecture, by weight name (tfjs's `originalName`):
 * a missing or mis-shaped weight is named in the error.
 */
export async function loadLayersWeights(model: tf.LayersModel, folder: string): Promise<void> {
  const exported = await loadLayersExport(folder);
  try {
    const saved = new Map(exported.weights.map((w) => [w.originalName, w]));
    for (const w of model.weights) {
      const from = saved.get(w.originalName);
      if (!from) throw new StudioError('ValidationError', userText('The exported model has no weight "{weight}"', { weight: w.originalName }));
      if (from.shape.join() !== w.shape.join()) throw new StudioError('ValidationError', userText('Weight "{weight}" is [{exported}] in the export and [{model}] in the model', { weight: w.originalName, exported: from.shape.join(', '), model: w.shape.join(', ') }));
      w.write(from.read());
    }
  } finally {
    exported.dispose();
  }
}

/** Load an exported folder with the stock `tf.loadLayersModel`, fed from the files (no file:// handler needed). */
export async function loadLayersExport(folder: string): Promise<tf.LayersModel> {
  const text = await readFile(path.join(folder, 'model.json'), 'utf8');
  await verifyExportFiles(folder, [['model.json', text]]);
  const json = JSON.parse(text) as {
    modelTopology: object;
    weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  };
  const specs = json.weightsManifest.flatMap((g) => g.weights);
  const buffers = await Promise.all(json.weightsManifest.flatMap((g) => g.paths).map((p) => readFile(path.join(folder, path.basename(p)))));
  await verifyExportFiles(folder, json.weightsManifest.flatMap((g) => g.paths).map((p, i) => [path.basename(p), buffers[i]]));
  const bytes = concat(buffers.map((b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer));
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: specs, weightData: bytes.buffer as ArrayBuffer }));
}

/**
 * tfjs's GRU is the original formulation (reset gate before the matrix product, one bias vector); Keras 2+ defaults
 * to `reset_after=True` (two biases). Saying `reset_after: false` makes the converted Keras model match the weights.
 */
function kerasCompatible(topology: unknown): unknown {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const o = node as { class_name?: string; config?: Record<string, unknown> };
    if (o.class_name === 'GRU' && o.config) o.config.reset_after = false;
    Object.values(o).forEach(visit);
  };
  const copy = JSON.parse(JSON.stringify(topology)) as unknown;
  visit(copy);
  return copy;
}

function concat(parts: ArrayBuffer[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(new Uint8Array(p), at);
    at += p.byteLength;
  }
  return out;
}

function modelCard(meta: RnnMeta, f: CardFacts): string {
  const c = { ...meta.arch, ...meta.training };
  const task = { classifier: 'text classification', tagger: 'sequence labelling (tagging)', lm: 'language modelling' }[meta.task];
  return `# ${f.run.name}

A ${c.bidirectional ? 'bidirectional ' : ''}${c.cell.toUpperCase()} (${c.layers} layer${c.layers > 1 ? 's' : ''}) for ${task}, trained with NLP Studio.

## Data
- Corpus: ${f.corpus.name} (${f.corpus.stats.documents} documents, ${f.corpus.stats.tokens} tokens; tokenizer ${f.corpus.tokenizer}${f.corpus.lowercase ? ', lower-cased' : ''})
- Split (seed ${c.seed}): ${f.splits?.validation ? `validation: ${f.splits.validation}` : `${Math.round(c.validationSplit * 100)}% validation`}, ${f.splits?.test ? `test: ${f.splits.test}` : `${Math.round(c.testSplit * 100)}% test`}
- Vocabulary: ${meta.vocab.tokens.length} ${c.level === 'word' ? 'words' : 'characters'} (\`<pad>\`=0, \`<unk>\`=1, \`<bos>\`=2, \`<eos>\`=3)${meta.labels.length ? `\n- ${meta.task === 'tagger' ? 'Tags' : 'Labels'} (${meta.labels.length}): ${meta.labels.slice(0, 60).join(', ')}` : ''}

## Settings
embedding ${c.emb} · hidden ${c.hidden} · dropout ${c.dropout} · sequence length ${c.seq} · batch ${c.batch} · epochs ${c.epochs}${c.steps ? ` · at most ${c.steps} steps` : ''} · ${c.optimizer.name} lr ${c.optimizer.lr} (${c.optimizer.schedule}, warm-up ${c.optimizer.warmupSteps}) · clip ${c.optimizer.clipNorm} · patience ${c.patience} · backend ${f.backend}${c.embeddings ? ` · embeddings from run ${c.embeddings.runId}${c.embeddings.trainable ? '' : ' (frozen)'}` : ''}

${f.summary.totalParams} parameters (${f.summary.trainableParams} trainable).

${metricsSection(f.validation, f.test)}

## Files
\`model.json\` + \`${WEIGHTS_FILE}\`: TensorFlow.js Layers format (\`tf.loadLayersModel\`; to Keras: \`tensorflowjs_converter --input_format=tfjs_layers_model --output_format=keras model.json model.h5\`).
Input: token ids [batch, time], 0 = padding. Output: softmax ${meta.task === 'classifier' ? '[batch, classes]' : meta.task === 'tagger' ? '[batch, time, tags]' : '[batch, time, vocabulary] (next token)'}.
\`vocab.json\`, \`labels.json\`: ids ↔ tokens and labels. \`family.json\`: task, architecture, training settings and tokenisation, for NLP Studio.
`;
}

/** The export flow's single file: the run's `tfjs/` folder as a store-only zip (folder `model/` inside). */
export async function zipExportFolder(runDir: string, filePath: string): Promise<void> {
  const folder = path.join(runDir, EXPORT_DIR);
  if (!existsSync(path.join(folder, 'model.json'))) {
    throw new StudioError('NotFoundError', userText('{folder} holds no TensorFlow.js model: only finished neural runs do', { folder: runDir }), { file: runDir });
  }
  await verifyRunFiles(runDir, `${EXPORT_DIR}/`);
  await zipFolder(folder, filePath, 'model');
}

/**
 * Check files of an exported folder against its run's manifest, when the folder is a run's `tfjs/` (a folder
 * exported elsewhere has no manifest beside it and loads unchecked).
 */
export async function verifyExportFiles(folder: string, files: [name: string, data: string | Uint8Array][]): Promise<void> {
  if (path.basename(folder) !== EXPORT_DIR) return;
  for (const [name, data] of files) await verifyRunFile(path.dirname(folder), `${EXPORT_DIR}/${name}`, data);
}

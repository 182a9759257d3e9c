/**
 * A trained model of any family, loaded to answer queries: its meta (`family.json`), the network it describes, and
 * the weights of a checkpoint (`best` by default; `last` for the latest weights of a run still training) or of an
 * exported folder.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadCheckpoint } from '../training/checkpoint.ts';
import type { FamilyBatch, FamilyModel, ModelFamily, ModelMeta } from './family.ts';
import { readMeta } from './registry.ts';

export interface LoadedModel {
  family: ModelFamily<FamilyBatch, ModelMeta, FamilyModel<FamilyBatch>>;
  meta: ModelMeta;
  model: FamilyModel<FamilyBatch>;
  dispose(): void;
}

export async function loadModel(dir: string, checkpoint: 'best' | 'last' = 'best'): Promise<LoadedModel> {
  const { family, meta } = await readMeta(dir);
  const model = family.build(meta);
  try {
    // An exported folder (the run's tfjs/ or a copy of it) has no checkpoints: the weights come from its files.
    if (existsSync(path.join(dir, 'checkpoints'))) await loadCheckpoint(dir, checkpoint, model.weights(), null);
    else await family.loadExport(model, meta, dir);
  } catch (error) {
    model.dispose();
    throw error;
  }
  return { family, meta, model, dispose: () => model.dispose() };
}

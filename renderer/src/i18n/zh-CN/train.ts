/** The Train view and the model forms (models/*): settings, live training. */
export const train: Record<string, string> = {
  // fixups: components/train/TrainLive.svelte, a validation or test pass while it runs.
  'Evaluating: {done} of {total}': '正在评测：{done} / {total}',
  'Evaluating held-out examples…': '正在评测留出样本…',
};

/**
 * The examples of one confusion cell in the order a drill-down asks for: by the model's confidence (the predicted
 * class's probability) or by the probability it gave the true class. Reports written before probabilities were
 * kept have none: their examples keep the report's order. Plain TypeScript, tested in test/renderer/lib/.
 */
import type { RunReport } from '../contract.ts';
import { msg } from '../i18n/index.ts';

export type ConfusionExample = NonNullable<RunReport['confusion']>['examples'][number];

export type ExampleOrder = 'confident' | 'unsure' | 'true-low' | 'true-high';

export const exampleOrders: { value: ExampleOrder; label: string }[] = [
  { value: 'confident', label: msg('Most confident first') },
  { value: 'unsure', label: msg('Least confident first') },
  { value: 'true-low', label: msg('True class least probable first') },
  { value: 'true-high', label: msg('True class most probable first') },
];

/** The predicted class's probability: the first of the top classes. */
export const confidence = (e: ConfusionExample): number | undefined => e.probabilities?.[0]?.p;

/** Sorted copy; examples without the figure sorted on keep their order, after the others. */
export function sortExamples(examples: readonly ConfusionExample[], order: ExampleOrder): ConfusionExample[] {
  const figure = order === 'confident' || order === 'unsure' ? confidence : (e: ConfusionExample) => e.actualProbability;
  const sign = order === 'confident' || order === 'true-high' ? -1 : 1;
  return examples
    .map((example, index) => ({ example, index, value: figure(example) }))
    .sort((a, b) => (a.value === undefined || b.value === undefined ? (a.value === undefined ? 1 : 0) - (b.value === undefined ? 1 : 0) : sign * (a.value - b.value)) || a.index - b.index)
    .map(({ example }) => example);
}

/** Pieces every family's model card shares. */

/** The card's "Metrics" tables: validation at the last epoch, test on the best checkpoint. */
export function metricsSection(validation: Record<string, number>, test: Record<string, number>, preface = ''): string {
  const rows = (m: Record<string, number>) => Object.entries(m).map(([k, v]) => `| ${k} | ${Number.isInteger(v) ? v : v.toFixed(4)} |`).join('\n');
  return `## Metrics
${preface ? `${preface}\n\n` : ''}Validation (last epoch):

| metric | value |
| --- | --- |
${rows(validation)}

Test (best checkpoint):

| metric | value |
| --- | --- |
${rows(test)}`;
}

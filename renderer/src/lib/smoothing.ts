/**
 * TensorBoard's curve smoothing: an exponential moving average, debiased so the first points are not pulled
 * towards 0 (the zero start of the average is divided out: `last / (1 − w^n)` after n values). Non-finite values
 * and gaps pass through unchanged and do not count towards n, so a NaN does not poison the rest of the curve.
 * `weight` 0 leaves the values as they are; 0.99 is very smooth.
 */
export class EmaSmoother {
  private last = 0;
  private n = 0;

  constructor(private readonly weight: number) {
    if (!(weight >= 0 && weight < 1)) throw new RangeError(`smoothing weight ${weight} is not in [0, 1)`);
  }

  /** The smoothed value after `x` (appended in order); `x` itself when it is not a finite number. */
  push(x: number | undefined): number | undefined {
    if (x === undefined || !Number.isFinite(x)) return x;
    const w = this.weight;
    this.last = this.last * w + (1 - w) * x;
    this.n++;
    return this.last / (1 - w ** this.n);
  }
}

/** The smoothed series of `values` (see EmaSmoother), same length, gaps where `values` has them. */
export function smoothEma(values: readonly (number | undefined)[], weight: number): (number | undefined)[] {
  const smoother = new EmaSmoother(weight);
  return values.map((x) => smoother.push(x));
}

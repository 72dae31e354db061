// Many independent jobs with at most `concurrency` in flight; results in input order, one failure per item.
import { OtsInputError } from './errors/kinds.ts';
import { isOtsError, type OtsError } from './errors/ots-error.ts';
import { invalid } from './inputs.ts';

export type Settled<T> = { ok: true; value: T } | { ok: false; error: OtsError };

/** Validates every item first, so a bad item stops the batch before anything is sent. */
export function checkEach<I, O>(items: readonly I[], check: (item: I) => O): O[] {
  if (!Array.isArray(items)) throw invalid('items', 'must be an array.');
  return items.map((item, index) => {
    try {
      return check(item);
    } catch (error) {
      if (!(error instanceof OtsInputError)) throw error;
      const field = error.field === undefined ? `items[${index}]` : `items[${index}].${error.field}`;
      throw new OtsInputError(`items[${index}].${error.message}`, { field });
    }
  });
}

export async function runBounded<I, T>(
  inputs: readonly I[],
  concurrency: number,
  job: (input: I) => Promise<T>,
): Promise<Array<Settled<T>>> {
  const results: Array<Settled<T>> = new Array(inputs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < inputs.length) {
      const index = next++;
      try {
        results[index] = { ok: true, value: await job(inputs[index] as I) };
      } catch (error) {
        if (!isOtsError(error)) throw error;
        results[index] = { ok: false, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, inputs.length) }, worker));
  return results;
}

/**
 * Which of a step's units (IP packets in natural order) go on the wire, in what order, and which are
 * sent again: the `reorder`, `dropSegment` and `duplicate` options of a flow message.
 */
import { FlowError } from './flowTypes.ts';

export interface EmissionPlan {
  /** Unit indexes in emission order, dropped ones left out. */
  readonly order: readonly number[];
  /** Unit indexes emitted again after `order` (retransmissions). */
  readonly duplicates: readonly number[];
}

const list = (v: number | readonly number[] | undefined): readonly number[] => (v === undefined ? [] : typeof v === 'number' ? [v] : v);

export function emissionPlan(
  unitCount: number,
  options: { reorder?: readonly number[]; dropSegment?: number | readonly number[]; duplicate?: number | readonly number[] },
  where: string,
): EmissionPlan {
  const check = (name: string, values: readonly number[]): readonly number[] => {
    for (const v of values) {
      if (!Number.isInteger(v) || v < 0 || v >= unitCount) {
        throw new FlowError(`${where}: ${name} names unit ${v} but the step has units 0–${unitCount - 1}`);
      }
    }
    return values;
  };
  const reorder = check('reorder', options.reorder ?? []);
  const dropped = new Set(check('dropSegment', list(options.dropSegment)));
  const duplicates = check('duplicate', list(options.duplicate));
  const seen = new Set<number>();
  const order: number[] = [];
  for (const i of reorder) if (!seen.has(i)) (seen.add(i), order.push(i));
  for (let i = 0; i < unitCount; i++) if (!seen.has(i)) order.push(i);
  return { order: order.filter((i) => !dropped.has(i)), duplicates };
}

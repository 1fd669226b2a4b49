import type { ActivityRow } from '../../activity/ActivityRow.js';
import { type RetentionMode, retention as retentionOf } from '../../activity/retention.js';
import { dayReader, readTimeZone } from '../../time/zone.js';
import { collectBadRows } from '../badRows.js';
import type { Command } from '../command.js';
import { AT_FIELDS, field } from '../fields.js';
import { groupByKey } from '../groupByKey.js';
import { writeText } from '../output.js';
import { instantFrom, parseInstant } from '../parseInstant.js';
import { formatOf, readRecords } from '../readRecords.js';
import { percent, textOrJson } from '../readResponses.js';
import { checkOptions, oneFile, UsageError } from '../usage.js';

export const USER_FIELDS = ['user_id', 'userId', 'customer_id', 'customerId'] as const;

/** Growable typed columns of (user index, instant): 12 bytes a row, never one object per row. */
function growable() {
  let size = 0;
  let user = new Uint32Array(1024);
  let at = new Float64Array(1024);
  return {
    push(u: number, t: number) {
      if (size === user.length) {
        const nextUser = new Uint32Array(size * 2);
        nextUser.set(user);
        user = nextUser;
        const nextAt = new Float64Array(size * 2);
        nextAt.set(at);
        at = nextAt;
      }
      user[size] = u;
      at[size] = t;
      size++;
    },
    columns: () => ({ size, user, at }),
  };
}

/** `--days`: whole days (`1,7,30`) or brackets of days (`7-13,14-20`) for `--mode within`. */
function daysOption(value: unknown): (number | [number, number])[] {
  if (typeof value !== 'string') throw new UsageError('--days is required, e.g. --days 1,7,30');
  const parts = value.split(',').map((part) => part.trim());
  if (parts.some((part) => !/^\d+(-\d+)?$/.test(part))) {
    throw new UsageError(
      `--days must be whole numbers of days separated by commas, e.g. 1,7,30 (or brackets such as 7-13 with --mode within), got "${value}"`,
    );
  }
  return parts.map((part) => {
    const [first, last] = part.split('-').map(Number);
    return last === undefined ? first! : [first!, last];
  });
}

export const retention: Command = {
  name: 'retention',
  summary: 'day-N retention (D1, D7, D30...) of an activity file',
  usage: 'engagekit retention <file> --days 1,7,30 [options]',
  help: `Day-N retention of an activity log: of the users whose day N is over, the share that was
active on day N (the library's retention function). Day 0 is the calendar day of a user's first
activity; days are calendar days in --time-zone.

<file> is a CSV with a header (.csv) or NDJSON (.ndjson/.jsonl), one activity a row, with fields
user_id (or userId, customer_id, customerId) and at (or occurred_at, timestamp, time: ISO 8601 with
a zone, or epoch ms); - reads standard input with --input-format. The file is streamed; only each
user's first instant on each of its active days is kept.

Options:
  --days <list>             days after day 0 to report, comma-separated, e.g. 1,7,30 (required);
                            with --mode within, brackets such as 7-13,14-20
  --mode on|onOrAfter|within  on (default): active on day N; onOrAfter: active on day N or any
                            later day up to --as-of (unbounded retention); within: active on
                            some day of each bracket (W1 = 7-13), counted once its last day is over
  --as-of <instant>         the instant of the report, e.g. 2026-11-01T00:00:00Z: activity after
                            it is ignored, and a user counts for day N only once day N is over.
                            Default: the latest activity instant in the file. engagekit never
                            reads the clock, so the same file always gives the same report; pass
                            --as-of to report as of now.
  --time-zone <IANA name>   the zone whose calendar days count, e.g. Europe/Amsterdam (default UTC)
  --format text|json        a table (default) or JSON { asOf, timeZone, mode, rows }
  --output <file>           write to a file instead of standard output
  --input-format csv|ndjson format of <file> when its extension does not tell
  -h, --help                this help

A day nobody is eligible for yet shows rate - in the table (null in JSON), never a fake 0%.
Bad rows are reported with their line numbers on standard error, nothing is written and the exit
code is 1.`,
  options: {
    days: { type: 'string' },
    mode: { type: 'string', default: 'on' },
    'as-of': { type: 'string' },
    'time-zone': { type: 'string' },
    format: { type: 'string', default: 'text' },
    output: { type: 'string' },
    'input-format': { type: 'string' },
  },
  positional: true,
  async run(values, positionals) {
    const file = oneFile(positionals, 'activity file');
    const days = daysOption(values.days);
    const mode = values.mode as RetentionMode;
    if (mode !== 'on' && mode !== 'onOrAfter' && mode !== 'within')
      throw new UsageError('--mode must be on, onOrAfter or within');
    const format = textOrJson(values.format);
    const inputFormat = (values['input-format'] as string | undefined) ?? formatOf(file);
    if (inputFormat !== 'csv' && inputFormat !== 'ndjson') {
      throw new UsageError('<file> must end in .csv, .ndjson or .jsonl, or pass --input-format');
    }
    let asOfOption: number | undefined;
    if (typeof values['as-of'] === 'string') {
      const parsed = parseInstant(values['as-of']);
      if ('problem' in parsed) throw new UsageError(`--as-of: ${parsed.problem}`);
      asOfOption = parsed.millis;
    }
    const timeZoneOption = values['time-zone'] as string | undefined;
    const options = {
      days,
      mode,
      ...(timeZoneOption === undefined ? {} : { timeZone: timeZoneOption }),
    };
    checkOptions(() => retentionOf([{ userId: 'check', at: 0 }], { ...options, asOf: 0 }), {
      days: '--days',
      timeZone: '--time-zone',
    });
    const timeZone = readTimeZone(timeZoneOption, 'retention', ['options', 'timeZone']);

    const users = new Map<string, number>();
    const userIds: string[] = [];
    const activity = growable();
    const bad = collectBadRows();
    let latest = Number.NEGATIVE_INFINITY;
    for await (const { line, fields } of readRecords(file, inputFormat, (line, message) =>
      bad.add(file, line, message),
    )) {
      const user = field(fields, USER_FIELDS);
      const when = field(fields, AT_FIELDS);
      if (typeof user !== 'string' && typeof user !== 'number') {
        bad.add(file, line, 'user_id is missing');
        continue;
      }
      const instant = instantFrom(when);
      if ('problem' in instant) {
        bad.add(file, line, `at: ${instant.problem}`);
        continue;
      }
      const id = String(user);
      let u = users.get(id);
      if (u === undefined) {
        u = userIds.length;
        users.set(id, u);
        userIds.push(id);
      }
      activity.push(u, instant.millis);
      if (instant.millis > latest) latest = instant.millis;
    }
    if (bad.count > 0) {
      process.stderr.write(`${bad.report()}\n`);
      return 1;
    }
    if (userIds.length === 0) {
      process.stderr.write(`engagekit retention: ${file} has no activity rows\n`);
      return 1;
    }
    const asOf = asOfOption ?? latest;

    // Retention depends only on each user's active days and on whether some activity of a day is
    // at or before asOf, so each user's earliest instant per local day stands for all of that day.
    const { size, user, at } = activity.columns();
    const { starts, order } = groupByKey(user, size, userIds.length);
    const dayOf = dayReader(timeZone);
    const rows: ActivityRow[] = [];
    for (let u = 0; u < userIds.length; u++) {
      const instants = new Float64Array(starts[u + 1]! - starts[u]!);
      for (let k = starts[u]!; k < starts[u + 1]!; k++) instants[k - starts[u]!] = at[order[k]!]!;
      instants.sort();
      let lastDay = Number.NaN;
      for (const instant of instants) {
        const day = dayOf(instant);
        if (day !== lastDay) rows.push({ userId: userIds[u]!, at: instant });
        lastDay = day;
      }
    }
    const result = retentionOf(rows, { ...options, asOf });

    if (format === 'json') {
      await writeText(
        `${JSON.stringify({ asOf: new Date(asOf).toISOString(), timeZone, mode, rows: result }, null, 2)}\n`,
        values.output as string | undefined,
      );
      return 0;
    }
    const table = [
      ['day', 'eligible', 'retained', 'rate'],
      ...result.map((row) => [
        row.lastDay === undefined ? String(row.day) : `${row.day}-${row.lastDay}`,
        String(row.eligible),
        String(row.retained),
        row.rate === null ? '-' : percent(row.rate),
      ]),
    ];
    const widths = table[0]!.map((_, column) =>
      Math.max(...table.map((cells) => cells[column]!.length)),
    );
    await writeText(
      `Retention as of ${new Date(asOf).toISOString()} (days in ${timeZone}, mode ${mode})\n${table
        .map((cells) => cells.map((cell, column) => cell.padStart(widths[column]!)).join('  '))
        .join('\n')}\n`,
      values.output as string | undefined,
    );
    return 0;
  },
};

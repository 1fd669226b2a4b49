// The 1M-row claim of the activity functions: `npm run bench:activity`.
// Builds one million { userId, at } rows (50,000 users over 90 days, seeded), then times each
// function twice (first and warm run). Prints the figures; no assertion depends on them.

import { mulberry32 as random } from '../scripts/mulberry32.js';
import {
  type ActivityRow,
  activeUsers,
  cohortTable,
  kaplanMeier,
  lifecycle,
  powerUserCurve,
  retention,
  retentionCurve,
  stickiness,
} from '../src/index.js';

const ROWS = 1_000_000;
const USERS = 50_000;
const DAYS = 90;
const DAY = 86_400_000;
const origin = Date.UTC(2026, 0, 1);

const next = random(20261123);
const ids = Array.from({ length: USERS }, (_, i) => `user-${i}`);
const activity: ActivityRow[] = new Array(ROWS);
for (let i = 0; i < ROWS; i++) {
  // Heavier users have lower indices; each user's activity starts on its own sign-up day.
  const user = Math.floor(USERS * next() ** 2);
  const signUp = (user * 7919) % DAYS;
  const at =
    origin + (signUp + Math.floor(next() * (DAYS - signUp))) * DAY + Math.floor(next() * DAY);
  activity[i] = { userId: ids[user]!, at };
}
const asOf = origin + DAYS * DAY;

function seconds(run: () => unknown): string {
  const started = performance.now();
  run();
  return ((performance.now() - started) / 1000).toFixed(2);
}

/** The first (cold) and a second (warm) run; each call reads all the rows again. */
function time(label: string, run: () => unknown): void {
  const cold = seconds(run);
  const warm = seconds(run);
  console.log(`${label.padEnd(48)} first ${cold} s, again ${warm} s`);
}

console.log(
  `${ROWS.toLocaleString('en')} activity rows, ${USERS.toLocaleString('en')} users, ${DAYS} days`,
);
for (const timeZone of ['UTC', 'Europe/Amsterdam']) {
  time(`retention D1/D7/D30 (${timeZone})`, () =>
    retention(activity, { days: [1, 7, 30], asOf, timeZone }),
  );
  time(`retentionCurve days 0..60 (${timeZone})`, () =>
    retentionCurve(activity, { lastDay: 60, asOf, timeZone }),
  );
  time(`cohortTable by week (${timeZone})`, () =>
    cohortTable(activity, { period: 'week', asOf, timeZone }),
  );
  time(`lifecycle by month (${timeZone})`, () =>
    lifecycle(activity, { period: 'month', asOf, timeZone }),
  );
  time(`activeUsers month (${timeZone})`, () => activeUsers(activity, asOf, 'month', { timeZone }));
  time(`stickiness (${timeZone})`, () => stickiness(activity, asOf, { timeZone }));
  time(`powerUserCurve L30 (${timeZone})`, () => powerUserCurve(activity, { at: asOf, timeZone }));
}

const durations = activity.map((row) => Math.floor(((row.at as number) - origin) / DAY));
const observed = activity.map((_, i) => i % 3 !== 0);
time('kaplanMeier, 1,000,000 durations', () => kaplanMeier(durations, observed));

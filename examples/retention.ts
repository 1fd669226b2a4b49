/**
 * Retention, stickiness and churn of a small product, from raw activity rows. Run it with
 * `npx tsx examples/retention.ts`.
 */
import {
  cohortTable,
  kaplanMeier,
  lifetimeValue,
  medianSurvivalTime,
  powerUserCurve,
  retention,
  stickiness,
} from 'engagekit';

// Forty users sign up over four weeks of January 2026; each comes back on a fixed rhythm until
// it churns. Everything is deterministic, so the output is the same on every machine.
const DAY = 86_400_000;
const origin = Date.UTC(2026, 0, 5, 18, 30); // Monday 5 January, 18:30 UTC
const activity: { userId: string; at: number }[] = [];
const lifetimes: number[] = [];
const churned: boolean[] = [];
const asOf = Date.UTC(2026, 1, 16, 9); // Monday 16 February, 09:00 UTC
for (let user = 0; user < 40; user++) {
  const signUp = origin + (user % 28) * DAY + (user % 5) * 3_600_000;
  const every = 1 + (user % 4); // comes back every 1 to 4 days
  const lifetime = 3 + ((user * 7) % 30); // active for 3 to 32 days
  for (let day = 0; day <= lifetime; day += every) {
    const at = signUp + day * DAY;
    if (at <= asOf) activity.push({ userId: `user-${user}`, at });
  }
  const observedUntil = Math.floor((asOf - signUp) / DAY);
  lifetimes.push(Math.min(lifetime, observedUntil));
  churned.push(lifetime < observedUntil);
}

const percent = (rate: number | null): string =>
  rate === null ? '   ..' : `${(100 * rate).toFixed(0).padStart(4)}%`;

console.log('Day-N retention in New York (eligible users only):');
for (const row of retention(activity, {
  days: [1, 7, 14, 30],
  asOf,
  timeZone: 'America/New_York',
})) {
  console.log(`  D${String(row.day).padEnd(3)} ${percent(row.rate)} of ${row.eligible}`);
}

console.log('\nWeekly cohorts (.. = week not over yet):');
for (const row of cohortTable(activity, { period: 'week', asOf, timeZone: 'America/New_York' })) {
  const cells = row.cells.map((cell) => percent(cell.rate)).join(' ');
  console.log(`  ${row.cohort}  ${String(row.size).padStart(2)} users ${cells}`);
}

console.log(`\nDAU/MAU stickiness: ${stickiness(activity, asOf).toFixed(3)}`);
console.log(`L30 power-user curve: ${powerUserCurve(activity, { at: asOf }).join(' ')}`);

const survival = kaplanMeier(lifetimes, churned);
console.log(`\nMedian lifetime (Kaplan-Meier): ${medianSurvivalTime(survival)} days`);
for (const row of survival.filter((_, i) => i % 4 === 0)) {
  const interval =
    row.lower === null ? '' : ` (95% ${row.lower.toFixed(2)}-${row.upper?.toFixed(2)})`;
  console.log(
    `  day ${String(row.time).padStart(2)}: ${row.survival.toFixed(2)} still active${interval}`,
  );
}

const value = lifetimeValue({ method: 'churn', arpu: 12, churnRate: 0.08, margin: 0.75 });
console.log(`\nLifetime value at 12/month, 8% monthly churn, 75% margin: ${value.toFixed(2)}`);

import type { EventRate } from '../RateResult.js';
import { eventRate, readEventRateOptions } from './eventRate.js';
import { readBoolean, readName, readOptionsObject } from './readOptions.js';

/** Which email rate: its numerator and denominator in terms of delivered, opened and clicked. */
export type EmailMetric = 'open' | 'clickThrough' | 'clickToOpen';

/** The shared body of `openRate`, `clickThroughRate` and `clickToOpenRate`. */
export function emailRate(
  fn: string,
  metric: EmailMetric,
  events: unknown,
  options: unknown,
): EventRate {
  const settings = readEventRateOptions(
    fn,
    options,
    metric === 'clickThrough' ? ['behaviours'] : ['behaviours', 'clickImpliesOpen'],
    ['campaign', 'day', 'week', 'month'],
  );
  const { issues, given } = settings;
  const path = ['options', 'behaviours'];
  const names = readOptionsObject(
    given.behaviours,
    issues,
    ['delivered', 'opened', 'clicked'],
    path,
  );
  const delivered = readName(names.delivered, 'emailDelivered', issues, [...path, 'delivered']);
  const opened = readName(names.opened, 'emailOpen', issues, [...path, 'opened']);
  const clicked = readName(names.clicked, 'emailClick', issues, [...path, 'clicked']);
  const clickImpliesOpen = readBoolean(given.clickImpliesOpen, true, issues, [
    'options',
    'clickImpliesOpen',
  ]);
  const opens = new Set(clickImpliesOpen ? [opened, clicked] : [opened]);
  const rule =
    metric === 'open'
      ? { trial: new Set([delivered]), success: opens }
      : metric === 'clickThrough'
        ? { trial: new Set([delivered]), success: new Set([clicked]) }
        : { trial: opens, success: new Set([clicked]) };
  return eventRate(
    events,
    { ...rule, needed: 1, perCampaign: true },
    settings,
    metric === 'clickToOpen' ? `open ('${opened}')` : `delivery ('${delivered}')`,
  );
}

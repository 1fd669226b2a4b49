/**
 * What a host would write without engagekit: the plain app-code baseline, and DuckDB running the
 * equivalent SQL on the same data.
 */
import {
  DOUBLE,
  type DuckDBConnection,
  DuckDBDataChunk,
  DuckDBInstance,
  UINTEGER,
  UTINYINT,
} from '@duckdb/node-api';
import type { Model } from '../src/index.js';
import type { Workload } from './workload.js';

/** One event as application code keeps it. */
export interface AppEvent {
  readonly customerId: string;
  readonly behaviour: string;
  readonly at: Date;
}

export function appEvents(workload: Workload, model: Model, ids: readonly string[]): AppEvent[] {
  const events: AppEvent[] = new Array(workload.events);
  for (let i = 0; i < workload.events; i++) {
    events[i] = {
      customerId: ids[workload.customer[i]!]!,
      behaviour: model.behaviourIds[workload.behaviour[i]!]!,
      at: new Date(workload.at[i]!),
    };
  }
  return events;
}

/** Plain app code: objects, Dates, a Map of totals per customer and behaviour, then per customer. */
export function plainScores(
  model: Model,
  events: readonly AppEvent[],
  now: Date,
): Map<string, number> {
  const totals = new Map<string, number>();
  for (const event of events) {
    const age = now.getTime() - event.at.getTime();
    if (age < 0) continue;
    const behaviour = model.behaviours[event.behaviour]!;
    const decay = behaviour.decay;
    let value = 0;
    if (decay.kind === 'linear') value = behaviour.boost * Math.max(0, 1 - age / decay.duration);
    else if (decay.kind === 'exponential') value = behaviour.boost * 2 ** (-age / decay.halfLife);
    const key = `${event.customerId}|${event.behaviour}`;
    totals.set(key, (totals.get(key) ?? 0) + value);
  }
  const scores = new Map<string, number>();
  for (const [key, total] of totals) {
    const separator = key.lastIndexOf('|');
    const customerId = key.slice(0, separator);
    const cap = model.behaviours[key.slice(separator + 1)]!.cap ?? Number.POSITIVE_INFINITY;
    scores.set(customerId, (scores.get(customerId) ?? 0) + Math.min(cap, Math.max(-cap, total)));
  }
  return scores;
}

/** An in-memory DuckDB with 2 threads and the workload loaded as table `events`. */
export async function loadDuckDb(workload: Workload): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  await connection.run(
    'CREATE TABLE events (customer UINTEGER, behaviour UTINYINT, occurred_at DOUBLE)',
  );
  const appender = await connection.createAppender('events');
  const size = 2048;
  for (let from = 0; from < workload.events; from += size) {
    const to = Math.min(workload.events, from + size);
    const chunk = DuckDBDataChunk.create([UINTEGER, UTINYINT, DOUBLE], to - from);
    chunk.setColumns([
      Array.from(workload.customer.subarray(from, to)),
      Array.from(workload.behaviour.subarray(from, to)),
      Array.from(workload.at.subarray(from, to)),
    ]);
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
  return connection;
}

/**
 * The best SQL we found: one scan, one GROUP BY customer, the decay of each behaviour inlined in
 * a CASE (the model has no caps, so no per-behaviour totals are needed). Materialised into a
 * table so that query time excludes moving rows into JavaScript.
 */
export function duckDbQuery(model: Model, now: number): string {
  const cases = model.behaviourIds.map((id, b) => {
    const { boost, decay } = model.behaviours[id]!;
    const age = `(${now} - occurred_at)`;
    const factor =
      decay.kind === 'linear'
        ? `greatest(0, 1 - ${age} / ${decay.duration})`
        : decay.kind === 'exponential'
          ? `exp(${-Math.LN2 / decay.halfLife} * ${age})`
          : '1';
    return `WHEN ${b} THEN ${boost} * ${factor}`;
  });
  return `CREATE OR REPLACE TABLE scores AS SELECT customer, SUM(CASE behaviour ${cases.join(' ')} END) AS score FROM events WHERE occurred_at <= ${now} GROUP BY customer`;
}

/** Reads the `scores` table into an array indexed by customer (customers without events: 0). */
export async function readDuckDbScores(
  connection: DuckDBConnection,
  customers: number,
): Promise<Float64Array> {
  const reader = await connection.runAndReadAll('SELECT customer, score FROM scores');
  const [ids, scores] = reader.getColumns() as [number[], number[]];
  const result = new Float64Array(customers);
  for (let i = 0; i < ids.length; i++) result[ids[i]!] = scores[i]!;
  return result;
}

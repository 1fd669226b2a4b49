/**
 * A scoring service fed by a Redis Stream, exactly once across crashes. It reads the stream's
 * entries (`XADD events * customer ada behaviour purchase at 1767225600000 [weight 2]`) through a
 * consumer group, applies each batch to an incremental state with the batch's last entry id as
 * its position, writes the state and its positions as ONE binary checkpoint file (a temporary file,
 * fsync, rename: the old checkpoint or the new one, never half of one), then acknowledges the
 * batch. It answers one customer's score over HTTP:
 *
 *   GET /score?customer=ada&at=1767225600000  ->  {"customer":"ada","at":...,"score":12.5}
 *   GET /status                               ->  {"positions":{"events":"1767...-0"},...}
 *
 * An entry that cannot be applied (a field missing, an unknown behaviour, an instant or a weight
 * that is not a number) does not stop the service: it is copied, with the error's code, path and
 * message, to a dead-letter stream (FEED_DEAD_LETTERS, `<stream>:dead`) under its own entry id,
 * and acknowledged with its batch; the rest of the batch is applied. Written under the same id
 * before the checkpoint, a dead letter is written once even when its batch is delivered again.
 *
 * Why a crash at any point loses nothing and counts nothing twice (docs/state.md, "Running it on
 * a feed"): an entry is acknowledged only after a checkpoint that holds it, so every entry not in
 * the checkpoint is still pending in the group and is delivered again on restart; an entry in the
 * checkpoint is at or below the checkpoint's position, so it is skipped when delivered again.
 *
 * Run it: `REDIS_URL=redis://127.0.0.1:6379 node --import tsx examples/redis-feed/service.ts`.
 * Settings (environment): REDIS_URL, FEED_STREAM (events), FEED_GROUP (engagekit), FEED_CONSUMER
 * (scorer; keep it across restarts: its pending entries are read first), FEED_CHECKPOINT
 * (checkpoint.bin), FEED_BATCH (500 entries), FEED_PORT (0: any free port; the service prints
 * `listening <port>`), FEED_STAGE_DELAY_MS (0; a pause between the stages of a batch, so a test
 * can kill the service inside each of them). test/redis-feed.test.ts kills it with SIGKILL at
 * random points and checks its scores against scoreColumns over the whole stream.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname } from 'node:path';
import {
  type ApplyOptions,
  advanceState,
  applyColumns,
  createScoreState,
  EngagekitError,
  eventColumns,
  heldEvents,
  parseStateBinary,
  type ScoreState,
  scoreCustomer,
  serializeStateBinary,
} from 'engagekit';
import { createClient } from 'redis';
import { feedModel } from './model.js';

const env = process.env;
const redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const stream = env.FEED_STREAM ?? 'events';
const group = env.FEED_GROUP ?? 'engagekit';
const consumer = env.FEED_CONSUMER ?? 'scorer';
const checkpointPath = env.FEED_CHECKPOINT ?? 'checkpoint.bin';
const batchSize = Number(env.FEED_BATCH ?? 500);
const stageDelay = Number(env.FEED_STAGE_DELAY_MS ?? 0);
const port = Number(env.FEED_PORT ?? 0);
const deadLetters = env.FEED_DEAD_LETTERS ?? `${stream}:dead`;

/** The state of the last checkpoint, or an empty one on the first start. */
function loadState(): ScoreState {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(checkpointPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return createScoreState(feedModel);
    throw error;
  }
  // parseStateBinary checks every field and that the checkpoint was written for this model.
  return parseStateBinary(feedModel, bytes);
}

/** Pauses between stages when FEED_STAGE_DELAY_MS asks for it (a test's kill lands inside). */
async function stage(): Promise<void> {
  if (stageDelay > 0) await new Promise((resolve) => setTimeout(resolve, stageDelay));
}

/**
 * Writes the state and its positions as one file, atomically: the whole text to a temporary file,
 * flushed to disk, then renamed over the checkpoint (and the directory flushed, so the rename
 * survives a power cut). A crash before the rename leaves the previous checkpoint whole.
 */
async function writeCheckpoint(state: ScoreState): Promise<void> {
  const temporary = `${checkpointPath}.tmp`;
  const file = openSync(temporary, 'w');
  try {
    writeSync(file, serializeStateBinary(state));
    fsyncSync(file);
  } finally {
    closeSync(file);
  }
  await stage();
  renameSync(temporary, checkpointPath);
  const directory = openSync(dirname(checkpointPath), 'r');
  try {
    fsyncSync(directory);
  } finally {
    closeSync(directory);
  }
}

/** Whether Redis Stream id `id` (`ms-seq`) comes after `than`. */
function isAfter(id: string, than: string): boolean {
  const [ms = '0', seq = '0'] = id.split('-');
  const [thanMs = '0', thanSeq = '0'] = than.split('-');
  const a = BigInt(ms);
  const b = BigInt(thanMs);
  return a > b || (a === b && BigInt(seq) > BigInt(thanSeq));
}

interface Entry {
  readonly id: string;
  readonly message: Record<string, string>;
}

/** An entry set aside: the entry and why it cannot be applied. */
interface DeadLetter {
  readonly entry: Entry;
  readonly code: string;
  readonly path: string;
  readonly message: string;
}

/** A number field: `NaN` (refused by eventColumns) when empty or not a number, not 0. */
function numberOf(text: string | undefined): number {
  return text === undefined || text.trim() === '' ? Number.NaN : Number(text);
}

/** The row of an entry, as eventColumns reads it. */
function rowOf({ message }: Entry) {
  return {
    customerId: message.customer,
    behaviour: message.behaviour,
    at: numberOf(message.at),
    weight: message.weight === undefined ? null : numberOf(message.weight),
  };
}

/**
 * The events of `entries` as columns, and the entries that cannot be applied with the error of
 * each: eventColumns checks every row and reports every bad one (`error.issues`, each at a path
 * `['rows', row, field]`); those rows are set aside, each with the error eventColumns gives it
 * alone, and the rest is read again.
 */
function readEntries(entries: readonly Entry[]) {
  const dead: DeadLetter[] = [];
  let good: Entry[] = [];
  for (const entry of entries) {
    // A missing customer would be read as the customer without an id: set aside instead.
    if (typeof entry.message.customer !== 'string' || entry.message.customer === '') {
      dead.push({
        entry,
        code: 'INVALID_EVENT',
        path: 'customer',
        message: 'the entry has no customer field',
      });
    } else good.push(entry);
  }
  for (;;) {
    try {
      return { columns: eventColumns(feedModel, good.map(rowOf)), good, dead };
    } catch (error) {
      if (!(error instanceof EngagekitError)) throw error;
      const bad = new Set<number>();
      for (const { path } of error.issues) {
        if (path[0] === 'rows' && typeof path[1] === 'number') bad.add(path[1]);
      }
      // A problem that no row carries is not the entries' fault: stop, naming it.
      if (bad.size === 0) throw error;
      for (const row of bad) {
        const entry = good[row]!;
        try {
          eventColumns(feedModel, [rowOf(entry)]);
        } catch (alone) {
          if (!(alone instanceof EngagekitError)) throw alone;
          const issue = alone.issues[0]!;
          dead.push({
            entry,
            code: alone.code,
            path: issue.path.slice(2).join('.'),
            message: issue.message,
          });
        }
      }
      good = good.filter((_, row) => !bad.has(row));
    }
  }
}

/**
 * Copies each dead letter to the dead-letter stream under its own entry id, with its fields and
 * the error. Entry ids only grow, so a dead letter written before a crash is refused when its
 * batch comes again ("equal or smaller than the target stream top item"): written once.
 */
async function writeDeadLetters(dead: readonly DeadLetter[]): Promise<void> {
  const ordered = [...dead].sort((a, b) => (isAfter(a.entry.id, b.entry.id) ? 1 : -1));
  for (const { entry, code, path, message } of ordered) {
    try {
      await redis.xAdd(deadLetters, entry.id, {
        ...entry.message,
        'error.code': code,
        'error.path': path,
        'error.message': message,
      });
      console.error(`dead letter ${entry.id}: ${code} ${message}`);
    } catch (error) {
      if (!String((error as Error).message).includes('equal or smaller')) throw error;
    }
  }
}

/**
 * Applies the entries the state does not hold yet, with the batch's last entry id as the position
 * of the stream (dead letters included: they are handled once written). A redelivered batch at
 * or below the stored position would be a no-op in applyColumns; a batch that straddles it
 * (pending entries are redelivered in batches of their own size) is trimmed to the entries after
 * it first. Entries that cannot be applied go to the dead-letter stream first. The service's clock
 * is Redis's: the state is advanced to the instant Redis received the batch's last entry (the
 * milliseconds of its id), so that an event stamped after it by a device whose clock runs ahead
 * is held until its time comes, and a replay after a crash advances the state exactly as the
 * first delivery did. Returns how many entries were skipped as already in the state.
 */
async function applyEntries(state: ScoreState, entries: readonly Entry[]): Promise<number> {
  const stored = state.positions.get(stream);
  const fresh = stored === undefined ? entries : entries.filter((e) => isAfter(e.id, stored));
  if (fresh.length > 0) {
    const { columns, dead } = readEntries(fresh);
    await writeDeadLetters(dead);
    const last = fresh[fresh.length - 1]!.id;
    const received = Number(last.split('-')[0]);
    // Never back: a read at a later instant may have moved the state's horizon already.
    const { horizon } = heldEvents(state);
    if (horizon === null || received > horizon) advanceState(state, received);
    const position: ApplyOptions = { partition: stream, position: last };
    applyColumns(state, columns, columns.customerIds, position);
  }
  return entries.length - fresh.length;
}

const state = loadState();
const redis = createClient({ url: redisUrl });
redis.on('error', (error: unknown) => console.error('redis:', error));
await redis.connect();
try {
  await redis.xGroupCreate(stream, group, '0', { MKSTREAM: true });
} catch (error) {
  if (!String((error as Error).message).includes('BUSYGROUP')) throw error;
}

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const reply = (status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  if (url.pathname === '/status') {
    reply(200, {
      positions: Object.fromEntries(state.positions),
      customers: state.customers.size,
      held: heldEvents(state),
    });
  } else if (url.pathname === '/score') {
    const customer = url.searchParams.get('customer') ?? '';
    const at = Number(url.searchParams.get('at') ?? Date.now());
    try {
      reply(200, { customer, at, score: scoreCustomer(state, customer, at) });
    } catch (error) {
      if (!(error instanceof EngagekitError)) throw error;
      reply(400, { code: error.code, message: error.message });
    }
  } else reply(404, { message: 'GET /score?customer=<id>&at=<epoch ms> or GET /status' });
});
server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address !== null ? address.port : port}`);
});

let stopping = false;
process.on('SIGTERM', () => {
  stopping = true;
});

// Pending entries first (delivered before a crash and never acknowledged), then new ones.
let readFrom = '0';
while (!stopping) {
  const reply = await redis.xReadGroup(
    group,
    consumer,
    { key: stream, id: readFrom },
    readFrom === '>' ? { COUNT: batchSize, BLOCK: 200 } : { COUNT: batchSize },
  );
  const entries = ((reply as { messages: Entry[] }[] | null)?.[0]?.messages ?? []) as Entry[];
  if (entries.length === 0) {
    readFrom = '>';
    continue;
  }
  if (readFrom !== '>') readFrom = entries[entries.length - 1]!.id;
  await stage();
  const skipped = await applyEntries(state, entries);
  if (skipped > 0) console.error(`skipped ${skipped} redelivered entries already in the state`);
  await stage();
  await writeCheckpoint(state);
  await stage();
  await redis.xAck(
    stream,
    group,
    entries.map((e) => e.id),
  );
}
server.close();
await redis.quit();

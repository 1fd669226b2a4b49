import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedModel } from '../examples/redis-feed/model.js';
import { eventColumns, scoreColumns } from '../src/index.js';
import { close } from './columnArbitraries.js';

/**
 * The Redis Stream service of examples/redis-feed end to end, against a real redis-server: the
 * test produces a feed (times out of order, some stamped ahead by skewed clocks, weights), kills
 * the service with SIGKILL at random points while it consumes (inside a read, an apply, a
 * checkpoint write or before an acknowledgement: FEED_STAGE_DELAY_MS widens each stage), restarts
 * it from its checkpoint each time, once with the consumer group rewound to the start of the
 * stream (every entry delivered again), and checks that it ends with the scores of a from-scratch
 * `scoreColumns` over the whole stream, customer by customer.
 *
 * ENGAGEKIT_REDIS_URL points at a server to use (.ci/run starts one); when unset, the test starts
 * Debian's /usr/bin/redis-server on a free loopback port in a temporary directory and stops it.
 * ENGAGEKIT_SKIP_REDIS=1 skips it.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const REDIS_SERVER = '/usr/bin/redis-server';
/**
 * The service, bundled once from examples/redis-feed/service.ts ('engagekit' from this checkout's
 * src/, redis from node_modules): each restart then starts in a fraction of tsx's time.
 */
const SERVICE = join(root, '.tmp', 'redis-feed', 'service.mjs');
const skip = process.env.ENGAGEKIT_SKIP_REDIS === '1';
const reason = skip ? ' (skipped: ENGAGEKIT_SKIP_REDIS=1)' : '';
if (skip) console.warn(`redis-feed.test.ts${reason}`);

const day = 86_400_000;
const START = Date.UTC(2026, 0, 1);

/** mulberry32: a small seeded generator, so a failing run can be repeated with its seed. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        resolve(typeof address === 'object' && address !== null ? address.port : 0),
      );
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Service {
  readonly child: ChildProcess;
  readonly port: number;
  stderr: string;
}

/** Starts the example service and waits until it listens. */
async function startService(env: Record<string, string>): Promise<Service> {
  const child = spawn(process.execPath, [SERVICE], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const service: Service = { child, port: 0, stderr: '' };
  child.stderr!.on('data', (chunk: Buffer) => {
    service.stderr += chunk.toString();
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code, signal) =>
      reject(
        new Error(
          `the service exited (${code ?? signal}) before listening:\n${service.stderr.slice(-2000)}`,
        ),
      ),
    );
  });
  return Object.assign(service, { port });
}

async function kill(service: Service): Promise<void> {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return;
  const exited = new Promise((resolve) => service.child.once('exit', resolve));
  service.child.kill('SIGKILL');
  await exited;
}

async function get(service: Service, path: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`http://127.0.0.1:${service.port}${path}`);
  return { status: response.status, body: await response.json() };
}

interface FeedEvent {
  /** When Redis receives it: the milliseconds of its entry id (the service's clock). */
  readonly received: number;
  readonly customer: string;
  readonly behaviour: string;
  readonly at: number;
  readonly weight?: number;
}

/**
 * A feed over `days` days: each day's events arrive in a chunk, spread over the day (their entry
 * ids carry the instant Redis receives them), most stamped up to an hour before they arrive, some
 * late (up to ten days back, so out of order) and some ahead by up to a day (a phone whose clock
 * runs fast: held by the service until its clock reaches them); one in five carries a weight.
 */
function makeFeed(random: () => number, days: number, perDay: number, customers: number) {
  const behaviours = feedModel.behaviourIds;
  const chunks: FeedEvent[][] = [];
  for (let d = 0; d < days; d++) {
    const chunk: FeedEvent[] = [];
    for (let i = 0; i < perDay; i++) {
      const kind = random();
      const offset =
        kind < 0.15 ? -random() * 10 * day : kind < 0.3 ? random() * day : -random() * 3_600_000;
      const received = START + d * day + Math.floor((i * day) / perDay);
      const event: FeedEvent = {
        received,
        customer: `c${Math.floor(random() * customers)}`,
        behaviour: behaviours[Math.floor(random() * behaviours.length)]!,
        at: Math.round(received + offset),
        ...(random() < 0.2 ? { weight: Math.round(random() * 30) / 10 } : {}),
      };
      chunk.push(event);
    }
    chunks.push(chunk);
  }
  return chunks;
}

describe.skipIf(skip)(`the Redis Stream example service${reason}`, () => {
  let url = process.env.ENGAGEKIT_REDIS_URL ?? '';
  let server: ChildProcess | undefined;
  let dir = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'engagekit-redis-'));
    await build({
      entryPoints: [join(root, 'examples', 'redis-feed', 'service.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: SERVICE,
      external: ['redis'],
      alias: { engagekit: join(root, 'src', 'index.ts') },
      logLevel: 'warning',
    });
    if (url !== '') return;
    if (!existsSync(REDIS_SERVER)) {
      throw new Error(
        `redis-feed.test.ts: ${REDIS_SERVER} is missing; install Debian's redis-server (apt-get install -y redis-server, as .ci/run does), set ENGAGEKIT_REDIS_URL to a server, or set ENGAGEKIT_SKIP_REDIS=1 to skip this test`,
      );
    }
    const port = await freePort();
    server = spawn(
      REDIS_SERVER,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { cwd: dir, stdio: 'ignore' },
    );
    url = `redis://127.0.0.1:${port}`;
    for (let attempt = 0; ; attempt++) {
      const probe = createClient({ url });
      probe.on('error', () => {});
      try {
        await probe.connect();
        await probe.ping();
        await probe.quit();
        break;
      } catch (error) {
        probe.destroy();
        if (attempt > 100) throw error;
        await sleep(50);
      }
    }
    // Bundling and starting a server take seconds on a busy machine.
  }, 60_000);

  afterAll(() => {
    server?.kill('SIGTERM');
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Every customer's score from the service at each instant (ascending: a read moves the state's
   * horizon), against scoreColumns over `entries` from scratch; the disagreements, as text.
   */
  async function disagreements(
    service: Service,
    entries: readonly { message: Record<string, string> }[],
    instants: readonly number[],
  ): Promise<string[]> {
    const columns = eventColumns(
      feedModel,
      entries.map(({ message }) => ({
        customerId: message.customer,
        behaviour: message.behaviour,
        at: Number(message.at),
        weight: message.weight === undefined ? null : Number(message.weight),
      })),
    );
    const found: string[] = [];
    for (const at of instants) {
      const expected = scoreColumns(feedModel, columns, at, columns.customerCount);
      const customers = columns.customerIds.map(String);
      const replies = await Promise.all(
        customers.map((customer) =>
          get(service, `/score?customer=${encodeURIComponent(customer)}&at=${at}`),
        ),
      );
      replies.forEach(({ status, body }, c) => {
        const score = (body as { score: number }).score;
        if (status !== 200 || !close(score, expected[c]!)) {
          found.push(
            `${customers[c]} at ${at}: service ${JSON.stringify(body)}, scoreColumns ${expected[c]}`,
          );
        }
      });
    }
    return found;
  }

  interface Status {
    readonly positions: Record<string, string>;
    readonly customers: number;
    readonly held: { count: number; horizon: number };
  }

  /** Waits until the service has applied the stream up to `id`, and returns its status. */
  async function caughtUp(service: Service, stream: string, id: string): Promise<Status> {
    let status: Status | undefined;
    for (let attempt = 0; attempt < 1200; attempt++) {
      status = (await get(service, '/status')).body as Status;
      if (status.positions[stream] === id) return status;
      await sleep(50);
    }
    throw new Error(`the service did not reach ${id}: ${JSON.stringify(status)}`);
  }

  it('ends with the scores of scoreColumns over the whole stream after SIGKILLs at random points, redeliveries, late and skewed events', async () => {
    const seed = Number(process.env.ENGAGEKIT_FEED_SEED ?? Date.now() % 2 ** 31);
    const random = generator(seed);
    const note = `(seed ${seed}; ENGAGEKIT_FEED_SEED=${seed} repeats this run)`;
    const stream = `engagekit-feed-${process.pid}-${seed}`;
    const env = {
      REDIS_URL: url,
      FEED_STREAM: stream,
      FEED_GROUP: 'scorers',
      FEED_CONSUMER: 'scorer-1',
      FEED_CHECKPOINT: join(dir, `${stream}.bin`),
      FEED_BATCH: '37',
      FEED_STAGE_DELAY_MS: '3',
    };
    const redis = createClient({ url });
    await redis.connect();
    const chunks = makeFeed(random, 40, 60, 150);
    let lastId = '';
    let service = await startService(env);
    let kills = 0;
    let logs = '';
    let heldSeen = 0;
    try {
      for (let c = 0; c < chunks.length; c++) {
        for (const event of chunks[c]!) {
          const fields: Record<string, string> = {
            customer: event.customer,
            behaviour: event.behaviour,
            at: String(event.at),
          };
          if (event.weight !== undefined) fields.weight = String(event.weight);
          // The entry id carries the instant Redis receives it (a simulated clock).
          lastId = await redis.xAdd(stream, `${event.received}-*`, fields);
        }
        if (c === 9 || c === 29) {
          // Midway, with events stamped ahead of the service's clock held: every customer's score
          // at the state's horizon is scoreColumns over the entries so far at that instant.
          const status = await caughtUp(service, stream, lastId);
          heldSeen += status.held.count;
          const sofar = (await redis.xRange(stream, '-', '+')) ?? [];
          expect(
            await disagreements(service, sofar, [status.held.horizon]),
            `midway scores at the horizon ${note}`,
          ).toEqual([]);
        }
        if (c % 5 === 4) {
          // Let it consume for a random while, then kill it wherever it is, and restart it.
          await sleep(20 + random() * 250);
          await kill(service);
          kills++;
          logs += service.stderr;
          if (c === 19) {
            // Every entry delivered again, as after a consumer group reset: all already held.
            await redis.xGroupSetId(stream, 'scorers', '0');
          }
          service = await startService(env);
        }
      }
      // The last instance consumes everything.
      const status = await caughtUp(service, stream, lastId);
      heldSeen += status.held.count;
      // Applied first, then checkpointed, then acknowledged: wait for the acknowledgement.
      let pending = Number.POSITIVE_INFINITY;
      for (let attempt = 0; attempt < 1200 && pending > 0; attempt++) {
        pending = (await redis.xPending(stream, 'scorers')).pending;
        if (pending > 0) await sleep(50);
      }
      expect(pending, 'every entry acknowledged').toBe(0);

      // From scratch: scoreColumns over every entry of the stream as Redis holds it.
      const entries = (await redis.xRange(stream, '-', '+')) ?? [];
      expect(entries.length).toBe(chunks.flat().length);
      let newest = Number.NEGATIVE_INFINITY;
      for (const { message } of entries) newest = Math.max(newest, Number(message.at));
      // At the service's clock (events ahead still held), at the newest event, and a week and
      // half a year later (expired windows, decayed sums).
      const instants = [status.held.horizon, newest, newest + 7 * day, newest + 180 * day];
      expect(
        await disagreements(
          service,
          entries,
          instants.sort((a, b) => a - b),
        ),
        `every customer's score ${note}`,
      ).toEqual([]);
      expect(status.customers).toBe(new Set(entries.map((e) => e.message.customer)).size);
      logs += service.stderr;
      expect(kills).toBe(8);
      // Events stamped ahead of the service's clock were held (the skewed case happened).
      expect(heldSeen, `events held ${note}`).toBeGreaterThan(0);
      // The rewound group delivered entries the state held: they were skipped, not counted.
      expect(logs, `the service skipped redelivered entries ${note}`).toMatch(
        /skipped \d+ redelivered entries/,
      );
    } finally {
      await kill(service);
      await redis.del(stream);
      await redis.quit();
    }
  }, 240_000);

  it('sets bad entries aside in the dead-letter stream with their error, keeps consuming, and does not crash-loop on restart', async () => {
    const seed = Number(process.env.ENGAGEKIT_FEED_SEED ?? Date.now() % 2 ** 31);
    const random = generator(seed);
    const note = `(seed ${seed}; ENGAGEKIT_FEED_SEED=${seed} repeats this run)`;
    const stream = `engagekit-dead-${process.pid}-${seed}`;
    const env = {
      REDIS_URL: url,
      FEED_STREAM: stream,
      FEED_GROUP: 'scorers',
      FEED_CONSUMER: 'scorer-1',
      FEED_CHECKPOINT: join(dir, `${stream}.bin`),
      FEED_BATCH: '7',
      FEED_STAGE_DELAY_MS: '2',
    };
    // Bad entries, each with the error the service must give it (code, and the field at fault).
    const bad: [Record<string, string>, string, string][] = [
      [
        { customer: 'c1', behaviour: 'teleport', at: String(START) },
        'UNKNOWN_BEHAVIOUR',
        'behaviour',
      ],
      [{ customer: 'c2', behaviour: 'purchase', at: 'yesterday' }, 'INVALID_EVENT', 'at'],
      [{ behaviour: 'purchase', at: String(START) }, 'INVALID_EVENT', 'customer'],
      [
        { customer: 'c3', behaviour: 'purchase', at: String(START), weight: 'heavy' },
        'INVALID_EVENT',
        'weight',
      ],
      [{ customer: 'c4', behaviour: 'purchase' }, 'INVALID_EVENT', 'at'],
      [{ customer: 'c5', behaviour: 'purchase', at: '' }, 'INVALID_EVENT', 'at'],
    ];
    const redis = createClient({ url });
    await redis.connect();
    const chunks = makeFeed(random, 6, 25, 40);
    const expectedDead: [string, string, string][] = [];
    let lastId = '';
    let service = await startService(env);
    try {
      for (let c = 0; c < chunks.length; c++) {
        const chunk = chunks[c]!;
        for (let i = 0; i < chunk.length; i++) {
          const event = chunk[i]!;
          const fields: Record<string, string> = {
            customer: event.customer,
            behaviour: event.behaviour,
            at: String(event.at),
          };
          if (event.weight !== undefined) fields.weight = String(event.weight);
          lastId = await redis.xAdd(stream, `${event.received}-*`, fields);
          if (i === 12) {
            // A bad entry in the middle of each day's chunk (two on the first day).
            for (const [fields, code, path] of c === 0 ? bad.slice(0, 2) : [bad[c]!]) {
              lastId = await redis.xAdd(stream, `${event.received}-*`, fields);
              expectedDead.push([lastId, code, path]);
            }
          }
        }
        if (c === 2) {
          // Killed wherever it is, maybe with a bad entry pending: it restarts and goes on.
          await sleep(20 + random() * 150);
          await kill(service);
          service = await startService(env);
        }
      }
      await caughtUp(service, stream, lastId);
      let pending = Number.POSITIVE_INFINITY;
      for (let attempt = 0; attempt < 1200 && pending > 0; attempt++) {
        pending = (await redis.xPending(stream, 'scorers')).pending;
        if (pending > 0) await sleep(50);
      }
      expect(pending, 'every entry acknowledged, the bad ones too').toBe(0);
      // Exactly the bad entries, once each, in order, with their error.
      const dead = (await redis.xRange(`${stream}:dead`, '-', '+')) ?? [];
      expect(
        dead.map(({ id, message }) => [id, message['error.code'], message['error.path']]),
        note,
      ).toEqual(expectedDead);
      for (const { message } of dead) {
        // A message a person can act on, naming the field at fault.
        expect(message['error.message']).toContain(message['error.path']!);
      }
      // The scores are scoreColumns over the good entries only.
      const deadIds = new Set(expectedDead.map(([id]) => id));
      const entries = ((await redis.xRange(stream, '-', '+')) ?? []).filter(
        ({ id }) => !deadIds.has(id),
      );
      expect(entries.length).toBe(chunks.flat().length);
      let newest = Number.NEGATIVE_INFINITY;
      for (const { message } of entries) newest = Math.max(newest, Number(message.at));
      expect(
        await disagreements(service, entries, [newest, newest + 7 * day]),
        `every customer's score ${note}`,
      ).toEqual([]);
    } finally {
      await kill(service);
      await redis.del([stream, `${stream}:dead`]);
      await redis.quit();
    }
  }, 120_000);
});

import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The docs site in a real browser: builds it with typedoc (typedoc.json, its plugin and the
 * playground bundle) into .tmp/site, serves it on a free loopback port and drives Debian's
 * Chromium through playwright-core (never a downloaded browser). Every page reachable from the
 * home page is visited: no console error, no failed request, no broken internal link, anchor or
 * image. The playground must redraw on an edit; its screenshot is kept in .tmp/artifacts/.
 *
 * With no /usr/bin/chromium the test fails and says how to install it, unless
 * ENGAGEKIT_SKIP_BROWSER=1 (see CONTRIBUTING.md).
 */
const CHROMIUM = '/usr/bin/chromium';
const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, '.tmp', 'site');
const artifacts = join(root, '.tmp', 'artifacts');
const skip = process.env.ENGAGEKIT_SKIP_BROWSER === '1';
const reason = skip ? ' (skipped: ENGAGEKIT_SKIP_BROWSER=1)' : '';
if (skip) console.warn(`site.test.ts${reason}`);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

/** A static file server for the built site, on 127.0.0.1 and a port the system picks. */
async function serve(dir: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(dir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'text/plain; charset=utf-8',
      // the theme's scripts and styles are fetched once for all pages, as a real server lets them
      ...(extname(file) === '.html' ? {} : { 'cache-control': 'max-age=600' }),
    });
    response.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** What one visit of a page found. */
interface Visit {
  readonly links: string[];
  readonly images: string[];
  readonly ids: string[];
  readonly problems: string[];
}

async function visit(page: Page, url: string): Promise<Visit> {
  const problems: string[] = [];
  const onConsole = (message: { type(): string; text(): string }) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  };
  const onPageError = (error: Error) => problems.push(`uncaught: ${error.message}`);
  const onFailed = (request: { url(): string; failure(): { errorText: string } | null }) => {
    const error = request.failure()?.errorText;
    // ERR_ABORTED: the tab moved on to the next page before a late request (the favicon) ended;
    // a missing file shows as an HTTP status above, a broken image by its size below
    if (error !== 'net::ERR_ABORTED') problems.push(`request failed: ${request.url()} (${error})`);
  };
  const onResponse = (response: { url(): string; status(): number }) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  };
  page.on('console', onConsole);
  page.on('pageerror', onPageError);
  page.on('requestfailed', onFailed);
  page.on('response', onResponse);
  try {
    await page.goto(url, { waitUntil: 'load' });
    // runs in the page (a string, as the project's types have no DOM)
    const found = (await page.evaluate(`({
      links: [...document.querySelectorAll('a[href]')].map((a) => a.href),
      ids: [...document.querySelectorAll('[id], a[name]')].map((node) => node.id || node.getAttribute('name')),
      images: [...document.images].map((image) => image.src),
      broken: [...document.images].filter((image) => !image.complete || image.naturalWidth === 0).map((image) => image.src),
    })`)) as { links: string[]; ids: string[]; images: string[]; broken: string[] };
    for (const image of found.broken) problems.push(`broken image: ${image}`);
    return { links: found.links, ids: found.ids, images: found.images, problems };
  } finally {
    page.off('console', onConsole);
    page.off('pageerror', onPageError);
    page.off('requestfailed', onFailed);
    page.off('response', onResponse);
  }
}

describe.skipIf(skip)(`the docs site in Debian's Chromium${reason}`, () => {
  let server: Server | undefined;
  let origin = '';
  let browser: Browser | undefined;
  let context: BrowserContext;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `site.test.ts: ${CHROMIUM} is missing; install Debian's Chromium (apt-get install -y chromium, as .ci/run does) or set ENGAGEKIT_SKIP_BROWSER=1 to skip the browser tests`,
      );
    }
    rmSync(out, { recursive: true, force: true });
    await promisify(execFile)(
      process.execPath,
      [join(root, 'node_modules', 'typedoc', 'bin', 'typedoc'), '--out', out],
      { cwd: root, maxBuffer: 1 << 24 },
    );
    ({ server, origin } = await serve(out));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    // a small window: the crawl pays for layout on every page; the playground's is set below
    context = await browser.newContext({ viewport: { width: 800, height: 600 } });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('every page reachable from the home page loads with no console error, failed request, broken link, anchor or image', async () => {
    const queue = [`${origin}/index.html`];
    const seen = new Set(queue);
    const ids = new Map<string, Set<string>>();
    const anchors: { from: string; page: string; id: string }[] = [];
    const files = new Set<string>();
    const images = new Set<string>();
    const problems: string[] = [];
    let busy = 0;
    // two tabs take pages from one queue; a tab finding it empty waits while the other tab's
    // visit may still add pages, and stops once no tab is busy
    const tab = async (page: Page) => {
      for (;;) {
        const url = queue.shift();
        if (url === undefined) {
          if (busy === 0) return;
          await new Promise((resolve) => setTimeout(resolve, 10));
          continue;
        }
        busy++;
        try {
          const found = await visit(page, url);
          ids.set(url, new Set(found.ids));
          for (const image of found.images) images.add(image.slice(image.lastIndexOf('/') + 1));
          const where = url.slice(origin.length);
          problems.push(...found.problems.map((problem) => `${where}: ${problem}`));
          for (const link of found.links) {
            if (!link.startsWith(`${origin}/`)) continue;
            const [target = '', id] = link.split('#');
            if (id !== undefined && id !== '') anchors.push({ from: where, page: target, id });
            if (!target.endsWith('.html')) files.add(target);
            else if (!seen.has(target)) {
              seen.add(target);
              queue.push(target);
            }
          }
        } finally {
          busy--;
        }
      }
    };
    await Promise.all([1, 2].map(async () => tab(await context.newPage())));
    for (const file of files) {
      const response = await fetch(file);
      if (!response.ok) problems.push(`broken link: ${file} (HTTP ${response.status})`);
    }
    for (const anchor of anchors) {
      const targetIds = ids.get(anchor.page);
      if (targetIds !== undefined && !targetIds.has(decodeURIComponent(anchor.id))) {
        problems.push(
          `${anchor.from}: broken anchor ${anchor.page.slice(origin.length)}#${anchor.id}`,
        );
      }
    }
    expect(problems).toEqual([]);
    const pages = [...seen].map((url) => url.slice(origin.length));
    // the API of the three entry points, named as users import them, and the playground
    expect(pages).toEqual(
      expect.arrayContaining([
        '/modules/engagekit.html',
        '/modules/engagekit_testing.html',
        '/modules/engagekit_node.html',
        '/documents/Playground.html',
        '/functions/engagekit.scoreAt.html',
      ]),
    );
    // every guide of docs/ is a page of the site
    const guides = readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md'));
    expect(pages.filter((page) => page.startsWith('/documents/'))).toHaveLength(guides.length);
    expect(pages.length).toBeGreaterThan(200);
    // and shows every chart of docs/images/ (loaded: a broken image is a problem above)
    const charts = readdirSync(join(root, 'docs', 'images'));
    expect(charts.filter((chart) => !images.has(chart))).toEqual([]);
  }, 240_000);

  it("the playground redraws the decay curves, the score timeline and the forecast on every edit, and shows the library's errors", async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${origin}/documents/Playground.html`, { waitUntil: 'load' });
    const timeline = page.locator('#pg-timeline path[stroke="#1f1f1f"]');
    const purchaseCurve = page.locator('#pg-decay path').first();
    const summary = page.locator('#pg-summary');
    await timeline.waitFor();
    const before = {
      timeline: await timeline.getAttribute('d'),
      curve: await purchaseCurve.getAttribute('d'),
      summary: await summary.textContent(),
    };
    // the default customer, purchase +50 over 120 days among others, as engagekit computes it
    expect(before.summary).toMatch(/^Day 45: score [\d.]+, (high|low|disengaged); /);
    expect(await page.locator('#pg-changes').textContent()).toMatch(
      /^Changes of segment: \w+ on day /,
    );

    await page.fill('#pg-boost-0', '90');
    const afterBoost = {
      timeline: await timeline.getAttribute('d'),
      curve: await purchaseCurve.getAttribute('d'),
      summary: await summary.textContent(),
    };
    expect(afterBoost.timeline).not.toBe(before.timeline);
    expect(afterBoost.curve).not.toBe(before.curve);
    expect(afterBoost.summary).not.toBe(before.summary);

    // a threshold moves the segment bands and the marked changes, not the score
    const bands = async () =>
      page
        .locator('#pg-timeline rect[opacity="0.18"]')
        .evaluateAll((rects) => rects.map((rect) => rect.getAttribute('y')));
    const bandsBefore = await bands();
    await page.fill('#pg-high', '60');
    expect(await bands()).not.toEqual(bandsBefore);
    expect(await timeline.getAttribute('d')).toBe(afterBoost.timeline);

    // an impossible ladder is refused with the library's message; the drawing stays, dimmed
    await page.fill('#pg-low', '70');
    await expect
      .poll(() => page.locator('#pg-problems li').allTextContents())
      .toEqual([expect.stringMatching(/^parseModel: .*high.*low/)]);
    expect(await page.locator('#pg-charts').getAttribute('class')).toBe('pg-stale');
    await page.fill('#pg-low', '10');
    expect(await page.locator('#pg-problems li').count()).toBe(0);

    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'playground.png'), fullPage: true });
    expect(statSync(join(artifacts, 'playground.png')).size).toBeGreaterThan(10_000);
    expect(errors).toEqual([]);
  }, 60_000);
});

// @ts-check
/**
 * The docs site's additions to typedoc (loaded through typedoc.json's `plugin`):
 * - the entry points are named as users import them (`engagekit`, `engagekit/testing`,
 *   `engagekit/node`), not after their files (`index`);
 * - each guide of docs/ is titled by its first heading, not its file name, and the guides come in
 *   the order docs/README.md lists them (any guide it does not list comes last);
 * - the toolbar of every page links to the playground;
 * - the playground (site/playground/main.ts) is bundled by esbuild into assets/playground.js and
 *   loaded by the page that holds its mount point, docs/playground.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Converter, PageEvent, ReflectionKind } from 'typedoc';

const ENTRY_NAMES = new Map([
  ['index', 'engagekit'],
  ['testing', 'engagekit/testing'],
  ['node', 'engagekit/node'],
]);
const PLAYGROUND_MOUNT = 'id="engagekit-playground"';
const PLAYGROUND_SOURCE = fileURLToPath(new URL('../site/playground/main.ts', import.meta.url));
const DOCS = fileURLToPath(new URL('../docs/', import.meta.url));

/** The first heading of a Markdown text, as plain text. @param {string} markdown */
const headingOf = (markdown) => /^#\s+(.+)$/m.exec(markdown)?.[1]?.replaceAll('`', '').trim();

/** The guides' headings in the order of docs/README.md's links, the index itself first. */
function guideOrder() {
  const index = readFileSync(join(DOCS, 'README.md'), 'utf8');
  const files = ['README.md', ...[...index.matchAll(/\]\(([\w-]+\.md)\)/g)].map((m) => m[1])];
  const headings = new Map(
    readdirSync(DOCS)
      .filter((name) => name.endsWith('.md'))
      .map((name) => [name, headingOf(readFileSync(join(DOCS, name), 'utf8'))]),
  );
  return files.map((file) => headings.get(file ?? ''));
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (_context, reflection) => {
    const name = ENTRY_NAMES.get(reflection.name);
    if (reflection.kindOf(ReflectionKind.Module) && name !== undefined) reflection.name = name;
  });

  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    const project = context.project;
    for (const document of project.documents ?? []) {
      const heading = headingOf(document.content.map((part) => part.text).join(''));
      if (heading !== undefined) document.name = heading;
    }
    // before typedoc groups them (which keeps the documents' order)
    const order = guideOrder();
    /** @param {import('typedoc').Reflection} reflection */
    const rank = (reflection) => {
      if (!reflection.isDocument()) return -1;
      const at = order.indexOf(reflection.name);
      return at === -1 ? order.length : at;
    };
    project.documents?.sort((a, b) => rank(a) - rank(b));
    project.childrenIncludingDocuments?.sort((a, b) => rank(a) - rank(b));
  });

  app.renderer.on(PageEvent.END, (page) => {
    if (page.contents === undefined) return;
    const up = '../'.repeat(page.url.split('/').length - 1);
    const project = page.project;
    const playground = project.documents?.find((document) =>
      document.content.some((part) => part.text.includes(PLAYGROUND_MOUNT)),
    );
    const router = app.renderer.router;
    if (playground !== undefined && router !== undefined) {
      const href = router.relativeUrl(page.model, playground);
      page.contents = page.contents.replace(
        '<div id="tsd-toolbar-links">',
        `<div id="tsd-toolbar-links"><a href="${href}">Playground</a>`,
      );
    }
    if (page.contents.includes(PLAYGROUND_MOUNT)) {
      page.contents = page.contents.replace(
        '</body>',
        `<script src="${up}assets/playground.js"></script></body>`,
      );
    }
  });

  app.renderer.postRenderAsyncJobs.push(async (event) => {
    await build({
      entryPoints: [PLAYGROUND_SOURCE],
      outfile: join(event.outputDirectory, 'assets', 'playground.js'),
      bundle: true,
      minify: true,
      format: 'iife',
      target: 'es2022',
      platform: 'browser',
      legalComments: 'none',
      logLevel: 'warning',
    });
  });
}

// @ts-check
/**
 * The docs site's additions to typedoc (loaded through typedoc.json's `plugin`):
 * - the entry points are named as users import them (`engagekit`, `engagekit/testing`,
 *   `engagekit/node`), not after their files (`index`);
 * - each guide of docs/ is titled by its first heading, not its file name;
 * - the toolbar of every page links to the playground;
 * - the playground (site/playground/main.ts) is bundled by esbuild into assets/playground.js and
 *   loaded by the page that holds its mount point, docs/playground.md.
 */
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

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (_context, reflection) => {
    const name = ENTRY_NAMES.get(reflection.name);
    if (reflection.kindOf(ReflectionKind.Module) && name !== undefined) reflection.name = name;
  });

  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const document of context.project.documents ?? []) {
      const text = document.content.map((part) => part.text).join('');
      const heading = /^#\s+(.+)$/m.exec(text)?.[1]?.trim();
      if (heading !== undefined) document.name = heading;
    }
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

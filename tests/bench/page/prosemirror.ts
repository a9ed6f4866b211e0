/**
 * The demo ticket page with a real rich-text editor in place of its bare contenteditable: ProseMirror
 * (the editor Intercom's composer is built on), loaded as ES modules straight from node_modules
 * through an import map. A bare contenteditable costs the page almost nothing per key, so Keel's
 * share of a keystroke there is the worst case; helpdesks type into editor frameworks that do work
 * of their own on every key. The bench measures both, and says which is which.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Route } from 'playwright-core';

/** ES module entry of each package the editor needs, inside node_modules. */
const MODULES: Record<string, string> = {
  'prosemirror-view': 'prosemirror-view/dist/index.js',
  'prosemirror-state': 'prosemirror-state/dist/index.js',
  'prosemirror-model': 'prosemirror-model/dist/index.js',
  'prosemirror-transform': 'prosemirror-transform/dist/index.js',
  'prosemirror-schema-basic': 'prosemirror-schema-basic/dist/index.js',
  'prosemirror-keymap': 'prosemirror-keymap/dist/index.js',
  'prosemirror-commands': 'prosemirror-commands/dist/index.js',
  orderedmap: 'orderedmap/dist/index.js',
  'w3c-keyname': 'w3c-keyname/index.js',
};

/** Where the page loads the modules from; `serveProseMirror` answers these URLs. */
export const MODULE_PATH = '/bench/modules/';

/**
 * The ticket page's HTML with the editor swapped: the mount takes the bare editor's place, and a
 * module script creates the ProseMirror view (carrying the demo editor's class and role, so the
 * demo adapter and the page's composer script find it) before running the composer script.
 */
export function proseMirrorTicketPage(html: string): string {
  const editor = /<div class="hd-editor" contenteditable="true"([^>]*)><\/div>/;
  const lastScript = /<script>([\s\S]*?)<\/script>\s*<\/body>/;
  const composerScript = lastScript.exec(html)?.[1];
  const attributes = editor.exec(html)?.[1];
  if (attributes === undefined || !composerScript?.includes('.hd-editor')) {
    throw new Error('The demo ticket page changed shape: no bare .hd-editor or no composer script');
  }
  const placeholder = /data-placeholder="([^"]*)"/.exec(attributes)?.[1] ?? '';
  const imports = Object.fromEntries(Object.keys(MODULES).map((name) => [name, `${MODULE_PATH}${name}.js`]));
  return html
    .replace(editor, '<div class="hd-editor-mount"></div>')
    .replace('<head>', `<head><script type="importmap">${JSON.stringify({ imports })}</script>`)
    .replace(
      lastScript,
      () => `<script type="module">
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { schema } from 'prosemirror-schema-basic';
import { keymap } from 'prosemirror-keymap';
import { baseKeymap } from 'prosemirror-commands';
const mount = document.querySelector('.hd-editor-mount');
new EditorView(mount, {
  state: EditorState.create({ schema, plugins: [keymap(baseKeymap)] }),
  attributes: { class: 'hd-editor', role: 'textbox', 'aria-multiline': 'true', 'aria-label': 'Reply', 'data-placeholder': ${JSON.stringify(placeholder)} },
});
${composerScript}
</script>
</body>`,
    );
}

/** Answers the page's module requests from node_modules (registered with `context.route`). */
export async function serveProseMirror(route: Route, nodeModules: string): Promise<void> {
  const name = new URL(route.request().url()).pathname.slice(MODULE_PATH.length).replace(/\.js$/, '');
  const file = MODULES[name];
  if (!file) {
    await route.fulfill({ status: 404, body: `not a bench module: ${name}` });
    return;
  }
  await route.fulfill({
    contentType: 'text/javascript; charset=utf-8',
    body: await readFile(join(nodeModules, file), 'utf8'),
  });
}

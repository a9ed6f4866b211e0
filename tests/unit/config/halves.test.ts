import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * utils/config/ has two halves: `content-*.ts` is what a helpdesk page's content script may load
 * (its budget is 35 KB gzipped), the rest only extension pages and the background. The content half
 * must not pull in the storage library, valibot or a page-only file of the folder.
 */
const FOLDER = join(process.cwd(), 'utils/config');
const files = readdirSync(FOLDER).filter((name) => name.endsWith('.ts'));
const contentFiles = files.filter((name) => name.startsWith('content-'));
const pageOnly = files
  .filter((name) => !name.startsWith('content-'))
  .map((name) => name.replace(/\.ts$/, ''));

function importsOf(file: string): string[] {
  const source = readFileSync(join(FOLDER, file), 'utf8');
  return [...source.matchAll(/^import\s+(?!type\s)[^'"]*['"]([^'"]+)['"]/gm)].map((match) => match[1] ?? '');
}

describe('the configuration folder’s halves', () => {
  it('has a content half and a page-only half', () => {
    expect(contentFiles.length).toBeGreaterThan(0);
    expect(pageOnly.length).toBeGreaterThan(0);
  });

  it.each(contentFiles)('%s loads neither valibot, the storage library nor a page-only file', (file) => {
    const imports = importsOf(file);
    expect(imports).not.toContain('valibot');
    expect(imports).not.toContain('wxt/utils/storage');
    expect(imports.filter((spec) => pageOnly.some((name) => spec === `./${name}`))).toEqual([]);
  });
});

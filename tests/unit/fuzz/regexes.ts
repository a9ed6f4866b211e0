import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type Node, parse } from 'acorn';
import { transformSync } from 'esbuild';

/** A regular expression literal in Keel's source. */
export interface FoundRegex {
  file: string;
  line: number;
  source: string;
  flags: string;
}

const ROOT = join(__dirname, '..', '..', '..');
/** Everything that ships: the content script, the sidebar, the background, the extension pages. */
const SOURCE_DIRS = ['utils', 'components', 'entrypoints'];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/**
 * Every regular expression literal in the shipped source, found by parsing (esbuild strips the
 * types, acorn parses the JavaScript), so none is missed by a text search; plus the places that
 * build one at run time (`new RegExp`), for the suite to cover by name.
 */
export function findRegexes(): { literals: FoundRegex[]; constructed: { file: string; line: number }[] } {
  const literals: FoundRegex[] = [];
  const constructed: { file: string; line: number }[] = [];
  for (const dir of SOURCE_DIRS) {
    for (const path of sourceFiles(join(ROOT, dir))) {
      const file = relative(ROOT, path);
      const { code } = transformSync(readFileSync(path, 'utf8'), {
        loader: path.endsWith('.tsx') ? 'tsx' : 'ts',
        jsx: 'transform',
        target: 'esnext',
      });
      const tree = parse(code, { ecmaVersion: 'latest', sourceType: 'module', locations: true });
      walk(tree, (node) => {
        const regex = (node as Node & { regex?: { pattern: string; flags: string } }).regex;
        if (node.type === 'Literal' && regex) {
          literals.push({ file, line: node.loc?.start.line ?? 0, source: regex.pattern, flags: regex.flags });
        }
        const callee = (node as Node & { callee?: { type: string; name?: string } }).callee;
        if ((node.type === 'NewExpression' || node.type === 'CallExpression') && callee?.name === 'RegExp') {
          constructed.push({ file, line: node.loc?.start.line ?? 0 });
        }
      });
    }
  }
  return { literals, constructed };
}

function walk(node: unknown, visit: (node: Node) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit);
    return;
  }
  if (typeof node !== 'object' || node === null || typeof (node as Node).type !== 'string') return;
  visit(node as Node);
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'loc' && typeof value === 'object') walk(value, visit);
  }
}

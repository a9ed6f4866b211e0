/**
 * A seeded generator of malformed and hostile JSON documents for the fuzz suites: the same seed
 * gives the same cases on every machine, so a failure names a case anyone can run again.
 */

/** mulberry32: a small, fast PRNG; good enough to pick mutations. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Generator {
  private readonly random: () => number;
  constructor(seed: number) {
    this.random = seededRandom(seed);
  }
  int(max: number): number {
    return Math.floor(this.random() * max);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
}

/** Names that break code which treats a plain object as a map. */
export const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);

/** Values a hostile or broken file may put anywhere. */
export function hostileValue(gen: Generator): unknown {
  const options: (() => unknown)[] = [
    () => null,
    () => true,
    () => 0,
    () => -1,
    () => 1.5,
    () => 1e308,
    () => -1e308,
    () => 8.64e15 + 1,
    () => '',
    () => ' ',
    () => gen.pick(PROTOTYPE_NAMES),
    () => `{{${gen.pick(PROTOTYPE_NAMES)}}}`,
    () => 'x'.repeat(201),
    () => 'x'.repeat(gen.pick([5_001, 70_000, 300_000])),
    () => `order${' '.repeat(gen.pick([2_000, 50_000]))}`,
    () => '<img src=x onerror=alert(1)>',
    () => '\u0000\uFEFF\u202E',
    () => '😀'.repeat(150),
    () => gen.pick(['*', '**', 'a*', '.*', '(a+)+$', '\\', '{{', '}}', '[NAME]']),
    () => [],
    () => ({}),
    () => Array.from({ length: gen.pick([201, 1_000, 5_000]) }, (_, i) => `refund${i}*`),
    () => Array.from({ length: 300 }, () => ({ id: 'x', status: 'fail' })),
    () => nested(gen.pick([50, 600])),
  ];
  return gen.pick(options)();
}

function nested(depth: number): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

type Path = (string | number)[];

/** Every path to a value inside `root` (objects and arrays), the root excluded. */
export function pathsOf(root: unknown, limit = 5_000): Path[] {
  const out: Path[] = [];
  const visit = (value: unknown, path: Path) => {
    if (out.length >= limit) return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        out.push([...path, index]);
        visit(item, [...path, index]);
      });
    } else if (typeof value === 'object' && value !== null) {
      for (const key of Object.keys(value)) {
        out.push([...path, key]);
        visit((value as Record<string, unknown>)[key], [...path, key]);
      }
    }
  };
  visit(root, []);
  return out;
}

function parentOf(
  root: unknown,
  path: Path,
): { parent: Record<string | number, unknown>; key: string | number } {
  let parent = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  return { parent, key: path[path.length - 1] as string | number };
}

/** Sets an own property, so `__proto__` becomes a key in the JSON text, not a prototype. */
function define(target: object, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** One structural mutation of a parsed document (in place): what a broken or hostile editor does. */
export function mutate(gen: Generator, root: unknown): string {
  const paths = pathsOf(root);
  const path = gen.pick(paths);
  if (!path) return 'nothing to mutate';
  const { parent, key } = parentOf(root, path);
  const where = path.join('.');
  switch (gen.int(6)) {
    case 0:
    case 1: {
      const value = hostileValue(gen);
      define(parent, key, value);
      return `${where} = ${JSON.stringify(value)?.slice(0, 40)}`;
    }
    case 2:
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      return `delete ${where}`;
    case 3: {
      const name = gen.pick([...PROTOTYPE_NAMES, 'text', 'extra', 'script']);
      const target =
        typeof parent[key] === 'object' && parent[key] !== null ? (parent[key] as object) : parent;
      define(target, Array.isArray(target) ? target.length : name, hostileValue(gen));
      return `add ${name} at ${where}`;
    }
    case 4: {
      // Repeat an entry: duplicate ids, duplicate records.
      if (Array.isArray(parent)) parent.push(structuredClone(parent[key as number]));
      else define(parent, key, [parent[key], parent[key]]);
      return `repeat ${where}`;
    }
    default: {
      // A prototype name as an id: the defect of issue 14 High 2-3.
      const value = gen.pick(PROTOTYPE_NAMES);
      define(parent, key, typeof parent[key] === 'string' ? value : { [value]: value });
      return `${where} = ${value}`;
    }
  }
}

/** Text-level damage that no structural mutation makes. */
export function damageText(gen: Generator, text: string): { text: string; how: string } {
  switch (gen.int(6)) {
    case 0:
      return { text: text.slice(0, gen.int(text.length)), how: 'truncated' };
    case 1:
      return { text: `\uFEFF${text}`, how: 'byte order mark' };
    case 2:
      return { text: text.replace(/"/, "'"), how: 'single quote' };
    case 3:
      return { text: `[${text}]`, how: 'wrapped in a list' };
    case 4:
      return { text: '', how: 'empty' };
    default:
      return { text: `${text}\u0000garbage`, how: 'trailing garbage' };
  }
}

/** Counts of a fuzz run, printed at its end. */
export interface Figures {
  tried: number;
  refused: number;
  accepted: number;
}

export function printFigures(label: string, figures: Figures): void {
  console.log(
    `[fuzz] ${label}: ${figures.tried} cases tried, ${figures.refused} refused, ${figures.accepted} accepted`,
  );
}

/**
 * Keel's share of a V8 CPU profile of the page's renderer. Content scripts run in the page's V8
 * isolate, so the sampling profiler sees them with their chrome-extension:// URL; native work
 * they call (timers, innerText's forced layout) is counted under them. Rendering that follows a
 * DOM change (style, layout, paint in the next frame) is not: the A/B comparison covers that.
 */

/** The parts of a CDP `Profiler.Profile` this reads. */
export interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

export interface KeelShare {
  /** Time sampled with Keel's script anywhere on the stack. */
  keelMs: number;
  /** The longest run of consecutive samples in Keel's script: its longest piece of work, roughly. */
  longestKeelMs: number;
  /** Keel's time by function (name, script:line:column), largest first. */
  topFunctions: { name: string; ms: number }[];
}

const isExtensionUrl = (url: string) => url.startsWith('chrome-extension://');

/**
 * `intervalUs` is the sampling interval: a sample counts for at most twice that, so a thread the
 * busy machine descheduled between two samples does not count as Keel's (or anyone's) work.
 */
export function keelShare(profile: CpuProfile, intervalUs: number): KeelShare {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  /** For each node: the innermost Keel frame on its stack, or null when Keel is not on it. */
  const keelFrame = new Map<number, ProfileNode | null>();
  const keelFrameOf = (id: number): ProfileNode | null => {
    const known = keelFrame.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const parent = parentOf.get(id);
    const found = !node
      ? null
      : isExtensionUrl(node.callFrame.url)
        ? node
        : parent === undefined
          ? null
          : keelFrameOf(parent);
    keelFrame.set(id, found);
    return found;
  };

  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let keelMs = 0;
  let run = 0;
  let longestKeelMs = 0;
  const perFunction = new Map<string, number>();
  samples.forEach((id, index) => {
    // A sample stands for the time until the next one.
    const ms = Math.min(deltas[index + 1] ?? 0, 2 * intervalUs) / 1000;
    const node = byId.get(id);
    const frame = keelFrameOf(id);
    if (!frame) {
      run = 0;
      return;
    }
    keelMs += ms;
    run += ms;
    longestKeelMs = Math.max(longestKeelMs, run);
    const { functionName, url, lineNumber, columnNumber } = frame.callFrame;
    const where = `${functionName || '(anonymous)'} ${url.replace(/^.*\//, '')}:${lineNumber + 1}:${columnNumber + 1}`;
    // Native work Keel called (a timer, innerText's layout) is named with the frame that called it.
    const native = node && node !== frame && !node.callFrame.url ? node.callFrame.functionName : '';
    const name = native ? `${native} in ${where}` : where;
    perFunction.set(name, (perFunction.get(name) ?? 0) + ms);
  });
  const topFunctions = [...perFunction]
    .map(([name, ms]) => ({ name, ms }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5);
  return { keelMs, longestKeelMs, topFunctions };
}

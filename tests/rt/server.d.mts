/** What tests/rt/seed.pl created (or found): ids of the seeded tickets and the agent's login. */
export interface RtSeed {
  queue: string;
  agent: { name: string; realName: string; password: string };
  tickets: { refund: number; bug: number };
}

export interface RunningRt {
  /** RT's base URL without a trailing slash, e.g. "http://127.0.0.1:41234/rt". */
  url: string;
  port: number;
  /** Seconds from spawning rt-server to its first HTTP answer. */
  startSeconds: number;
  close(): Promise<void>;
}

/** Seeds RT (queue, agent, customer, tickets) through its Perl API; idempotent. */
export function seedRt(): RtSeed;

/** Starts rt-server on 127.0.0.1 (`port: 0`, the default, picks a free one) and waits for an HTTP answer. */
export function startRt(options?: { port?: number; timeoutMs?: number }): Promise<RunningRt>;

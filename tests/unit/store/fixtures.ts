import type { ReplyRecord } from '../../../utils/store/types';

let counter = 0;

/** A stored-reply record with sensible defaults; each call gets a fresh id unless one is given. */
export function makeRecord(overrides: Partial<ReplyRecord> = {}): ReplyRecord {
  counter += 1;
  return {
    id: `record-${counter}`,
    time: new Date(2025, 2, 10, 12, 0).getTime(),
    helpdesk: 'demo',
    ticketId: `T-${counter}`,
    playbookId: 'refund',
    playbookVersion: 1,
    agent: 'Ana',
    score: 100,
    fullAdherence: true,
    steps: [
      { id: 'greet', status: 'pass' },
      { id: 'apologise', status: 'na' },
    ],
    wordCount: 80,
    origin: 'local',
    ...overrides,
  };
}

let dbCounter = 0;
/** A database name no other test uses, so tests never share state. */
export function freshDbName(): string {
  dbCounter += 1;
  return `keel-test-${dbCounter}-${Math.random().toString(36).slice(2)}`;
}

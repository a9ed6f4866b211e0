import { defineConfig } from 'vitest/config';

// End-to-end tests: the built extension in real Chromium, against the bundled demo helpdesk.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    // One browser at a time: the machine has two cores, and each file launches its own Chromium.
    fileParallelism: false,
    testTimeout: 90_000,
    // One retry: a browser on two busy cores sometimes misses a timeout. A test that fails twice
    // fails the run; vitest reports the retried ones, so flakiness stays visible.
    retry: 1,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
  },
});

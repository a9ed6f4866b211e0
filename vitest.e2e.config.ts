import { defineConfig } from 'vitest/config';

// End-to-end tests: the built extension in real Chromium, against the bundled demo helpdesk.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    // One browser at a time: the machine has two cores, and each file launches its own Chromium.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
  },
});

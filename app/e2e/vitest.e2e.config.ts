// End-to-end tests of the app in Debian's Chromium (playwright-core) against `serve`:
//   npx vitest run --config app/e2e/vitest.e2e.config.ts
// Screenshots go to test-artifacts/ (not committed). Without /usr/bin/chromium each test says why it is not run.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['app/e2e/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Real server processes killed and flooded: `npm run test:reliability`, after `npm test`.
    exclude: ['tests/reliability/**', '**/node_modules/**'],
    globalSetup: ['tests/global-setup.ts'],
    // Database tests clone a template database per file; browser tests start Chromium.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores on our machines: two workers keep Postgres and Chromium from starving.
    maxWorkers: 2,
  },
});

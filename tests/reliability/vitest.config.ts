import { defineConfig } from 'vitest/config';

// `npm run test:reliability`: real server processes, each on the embedded PostgreSQL of
// its own data folder (no shared test database, so no global setup). One file at a time:
// the scenarios measure behaviour under load and kill processes; two cores are enough for
// one of them, not for several.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/reliability/**/*.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    maxWorkers: 1,
  },
});

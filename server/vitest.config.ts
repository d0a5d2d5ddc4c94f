import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // *.pg-test.ts need a PostgreSQL server (several processes on one database): only the PostgreSQL suite runs them.
    include: ['src/**/*.test.ts', ...(process.env.TEST_ENGINE === 'postgres' ? ['src/**/*.pg-test.ts'] : [])],
    globalSetup: ['src/test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});

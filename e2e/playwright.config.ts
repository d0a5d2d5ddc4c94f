// End-to-end journeys in the system Chromium against a real server on a fresh embedded database.
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3210);
export const baseURL = process.env.E2E_BASE_URL ?? `http://127.0.0.1:${port}`;
export const adminPassword = 'e2e-admin-password';

export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL,
    // A click on something that never becomes clickable fails here, naming the step, instead of at the test's timeout.
    actionTimeout: 30_000,
    locale: 'zh-CN',
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  // E2E_BASE_URL points the journeys at a server that is already running (handy while writing them).
  webServer: process.env.E2E_BASE_URL ? undefined : {
    command: 'node ../scripts/start.mjs',
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: path.join(os.tmpdir(), `openpsm-e2e-${process.pid}-${Date.now()}`),
      ADMIN_PASSWORD: adminPassword,
      LOG_LEVEL: 'warn',
      // The journeys sign in a dozen times a minute from one address; the per-IP limit is for people.
      LOGIN_RATE_LIMIT: '200',
    },
  },
});

// Starts the real server (server/src/main.ts) as a child process and waits until /healthz answers.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { serverNodeFlags } from '../server/node-flags.mjs';

export const repositoryRoot = path.resolve(import.meta.dirname, '..');

export type RunningServer = { url: string; pid: number; stop: () => Promise<void> };

/**
 * Database settings for the server: DATA_DIR for PGlite or DATABASE_URL for PostgreSQL. `serverFolder` is
 * normally the repository's server/, or a modified copy to compare.
 */
export async function startServer(
  serverFolder: string,
  database: { DATA_DIR: string } | { DATABASE_URL: string },
  adminPassword: string,
  logFile: string,
  workers = 1,
): Promise<RunningServer> {
  const serverMain = path.join(serverFolder, 'src/main.ts');
  if (!fs.existsSync(serverMain)) throw new Error(`No server at ${serverMain}`);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Whatever points the bench at a database must not leak into the server's own configuration.
  for (const name of ['DATABASE_URL', 'TEST_DATABASE_URL', 'DATA_DIR', 'PORT', 'HOST', 'DEMO_DATA', 'LOG_LEVEL', 'WEB_DIST']) delete env[name];
  // The bench measures the API only: WEB_DIST points nowhere, so the server does not serve the web app.
  const WEB_DIST = path.join(repositoryRoot, 'bench/.data/no-web-app');
  Object.assign(env, database, { PORT: String(port), HOST: '127.0.0.1', DEMO_DATA: '0', LOG_LEVEL: 'warn', ADMIN_PASSWORD: adminPassword, WEB_DIST, WORKERS: String(workers) });
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.openSync(logFile, 'w');
  // BENCH_NODE_ARGS: extra node flags for the server, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile a scenario.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...serverNodeFlags, ...nodeArgs, '--import', 'tsx', serverMain], { cwd: repositoryRoot, env, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let running = true;
  void exited.then(() => (running = false));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (!running) throw new Error(`The server exited during start-up; see ${logFile}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The server did not answer /healthz within 180 s; see ${logFile}`);
    }
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  return {
    url,
    pid: child.pid!,
    stop: async () => {
      if (!running) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export async function login(url: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`Login as ${username} answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

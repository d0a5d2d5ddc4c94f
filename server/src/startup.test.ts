// Start-up guarantees of the real server process: the generated administrator password (printed once, and it
// signs in), a quick second start, and one process per PGlite data folder — while several servers may share
// one PostgreSQL database (the run with TEST_ENGINE=postgres checks that instead).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrl, postgresAdminUrl, testEngine } from './test/template';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const engine = testEngine();
const passwordLine = /administrator created — username: admin {2}password: (\S+)/;

type Server = {
  child: ChildProcessWithoutNullStreams;
  spawnedAt: number;
  output: () => string;
  exited: Promise<number | null>;
};

let dataDir: string;
let postgresDatabase: string | undefined;
const running = new Set<Server>();

function startServer(extra: NodeJS.ProcessEnv = {}): Server {
  const { DATABASE_URL: _url, ADMIN_PASSWORD: _password, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = { ...inherited, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DEMO_DATA: '0', LOG_LEVEL: 'info', ...extra };
  if (postgresDatabase) env.DATABASE_URL = databaseUrl(postgresDatabase);
  const spawnedAt = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'server/src/main.ts')], { cwd: repoRoot, env });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const server: Server = {
    child,
    spawnedAt,
    output: () => output,
    exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
  };
  running.add(server);
  void server.exited.then(() => running.delete(server));
  return server;
}

async function waitFor<T>(what: string, server: Server, check: () => T | undefined | Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    if (server.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what}: not within ${timeoutMs} ms. Server output:\n${server.output()}`);
}

/** The base URL the server listens on, from its start-up log line. */
const listeningAt = (server: Server) =>
  waitFor('listening', server, () => /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(server.output())?.[1], 60_000);

async function healthy(baseUrl: string): Promise<true | undefined> {
  try {
    return (await fetch(`${baseUrl}/healthz`)).ok ? true : undefined;
  } catch {
    return undefined;
  }
}

async function signIn(baseUrl: string, password: string): Promise<number> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  return response.status;
}

/** The processes whose parent is `pid` (Linux /proc). */
function childPids(pid: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function stop(server: Server): Promise<number | null> {
  server.child.kill('SIGTERM');
  return server.exited;
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openpsm-startup-'));
  if (engine === 'postgres') {
    postgresDatabase = `openpsm_startup_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: postgresAdminUrl() });
    await admin.connect();
    await admin.query(`create database ${postgresDatabase} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
    await admin.end();
  }
});

afterAll(async () => {
  for (const server of running) server.child.kill('SIGKILL');
  await Promise.all([...running].map((server) => server.exited));
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (postgresDatabase) {
    const admin = new pg.Client({ connectionString: postgresAdminUrl() });
    await admin.connect();
    await admin.query(`drop database if exists ${postgresDatabase} with (force)`);
    await admin.end();
  }
});

describe(`start-up (${engine})`, () => {
  let first: Server;
  let firstUrl: string;
  let password: string;

  it('prints a generated administrator password once, and it signs in', async () => {
    first = startServer();
    firstUrl = await listeningAt(first);
    const printed = [...first.output().matchAll(new RegExp(passwordLine, 'g'))].map((match) => match[1]!);
    expect(printed, first.output()).toHaveLength(1);
    password = printed[0]!;
    expect(await signIn(firstUrl, password)).toBe(200);
    expect(await signIn(firstUrl, `${password}x`)).toBe(401);
  }, 60_000);

  if (engine === 'pglite') {
    it('refuses a second process on the same data folder, naming the folder', async () => {
      const second = startServer();
      const code = await Promise.race([second.exited, new Promise((resolve) => setTimeout(() => resolve('still running'), 20_000))]);
      expect(code, second.output()).not.toBe(0);
      expect(code).not.toBe('still running');
      expect(second.output()).toContain(`The data folder ${dataDir} is in use by another OpenPSM process (pid ${first.child.pid})`);
      expect(await healthy(firstUrl)).toBe(true);
    }, 30_000);

    it('refuses several workers on the embedded database, with the reason', async () => {
      const workers = startServer({ WORKERS: '2' });
      expect(await workers.exited).not.toBe(0);
      expect(workers.output()).toContain('WORKERS: several workers need PostgreSQL');
    }, 30_000);
  } else {
    it('runs a second server on the same PostgreSQL database beside the first', async () => {
      const second = startServer();
      const secondUrl = await listeningAt(second);
      expect(second.output()).not.toMatch(passwordLine);
      expect(await signIn(secondUrl, password)).toBe(200);
      expect(await healthy(firstUrl)).toBe(true);
      expect(await stop(second)).toBe(0);
    }, 60_000);

    it('WORKERS=2 serves from two processes on one port, and stops them all', async () => {
      const cluster = startServer({ WORKERS: '2' });
      const clusterUrl = await listeningAt(cluster);
      // Both workers log that they listen; the sign-in works whichever answers.
      await waitFor('two workers', cluster, () => ((cluster.output().match(/Server listening at/g) ?? []).length >= 2 ? true : undefined), 60_000);
      expect(cluster.output()).not.toMatch(passwordLine);
      for (let attempt = 0; attempt < 4; attempt += 1) expect(await signIn(clusterUrl, password)).toBe(200);
      expect(await stop(cluster)).toBe(0);
    }, 90_000);

    it('WORKERS=2: workers stop when their primary is killed outright, instead of living on orphaned', async () => {
      const cluster = startServer({ WORKERS: '2' });
      await listeningAt(cluster);
      await waitFor('two workers', cluster, () => ((cluster.output().match(/Server listening at/g) ?? []).length >= 2 ? true : undefined), 60_000);
      const workers = childPids(cluster.child.pid!);
      expect(workers).toHaveLength(2);
      cluster.child.kill('SIGKILL');
      await cluster.exited;
      const alive = () => workers.filter((pid) => fs.existsSync(`/proc/${pid}`) && !fs.readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z '));
      for (let waited = 0; alive().length > 0 && waited < 15_000; waited += 200) await new Promise((resolve) => setTimeout(resolve, 200));
      expect(alive()).toEqual([]);
    }, 90_000);

    it('WORKERS=2 on a taken port stops with the reason instead of restarting workers for ever', async () => {
      const blocker = net.createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      const port = (blocker.address() as net.AddressInfo).port;
      try {
        const cluster = startServer({ WORKERS: '2', PORT: String(port) });
        const code = await Promise.race([cluster.exited, new Promise((resolve) => setTimeout(() => resolve('still running'), 60_000))]);
        expect(code, cluster.output()).not.toBe('still running');
        expect(code).not.toBe(0);
        expect(cluster.output()).toMatch(/EADDRINUSE|failed to start/);
      } finally {
        blocker.close();
      }
    }, 90_000);
  }

  it('starts again on the migrated database within 10 s, without a new password', async () => {
    expect(await stop(first)).toBe(0);
    const again = startServer();
    const againUrl = await listeningAt(again);
    await waitFor('healthz', again, () => healthy(againUrl), 10_000);
    expect(Date.now() - again.spawnedAt).toBeLessThan(10_000);
    expect(again.output()).not.toMatch(passwordLine);
    expect(await signIn(againUrl, password)).toBe(200);
    expect(await stop(again)).toBe(0);
  }, 30_000);
});

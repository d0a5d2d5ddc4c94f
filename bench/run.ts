// The benchmark: per engine, a fresh database filled by generate.ts, raw SQL timings of the list query,
// then the real server as a child process under autocannon. See bench/README.md.
//   npm run bench -- --engine pglite|postgres|both --orgs 100000 --duration 15 [--scenarios e,f,g]
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import type { DataScope } from '@openpsm/contracts';
import { loadConfig } from '../server/src/config';
import type { Database, Engine } from '../server/src/db/client';
import { openDatabase } from '../server/src/db/open';
import { builtinRoles } from '../server/src/seed/bootstrap';
import { busyBetween, cpuSecondsBetween, cpuSecondsByProcess, postgresPids, processTree, waitForQuietMachine } from './machine-load';
import { generateData, prepareDatabase, type GeneratedData, type GeneratedUser } from './generate';
import { targetFor, writeDocument, writeResult, type EngineResult, type LatencySummary, type ScenarioResult } from './report';
import { apiAnswer, buildScenarios, scenarioPath, type Endpoint, type Scenario } from './scenarios';
import { captureStatements, replay, replayAnswer, type SqlStatement } from './service-sql';
import { login, repositoryRoot, startServer } from './server-process';
import { describeEngine, freshDataDir, freshPostgresDatabase } from './bench-databases';

const ADMIN_PASSWORD = 'bench-admin-password';
const USER_PASSWORD = 'bench-user-password';
/** A company's distinctive word (字号) that a user types to find it, and the initials of 电力设备. */
const SEARCH_TERMS = { chinese: '宏达', initials: 'dlsb' };

type Options = {
  organizations: number;
  users: number;
  approvals: number;
  /** Scenario ids to run (all when empty). */
  scenarios: string[];
  seconds: number;
  warmupSeconds: number;
  connections: number;
  rawIterations: number;
  analyze: boolean;
  serverFolder: string;
  /** Server processes on PostgreSQL (WORKERS); PGlite always runs one. */
  workers: number;
};

async function main() {
  const { values } = parseArgs({
    options: {
      engine: { type: 'string' },
      orgs: { type: 'string', default: '100000' },
      users: { type: 'string', default: '500' },
      approvals: { type: 'string', default: '10000' },
      scenarios: { type: 'string', default: '' },
      duration: { type: 'string', default: '15' },
      warmup: { type: 'string', default: '3' },
      connections: { type: 'string', default: '16' },
      'raw-iterations': { type: 'string', default: '500' },
      'skip-analyze': { type: 'boolean', default: false },
      server: { type: 'string', default: path.join(repositoryRoot, 'server') },
      workers: { type: 'string', default: String(os.cpus().length) },
    },
  });
  const postgresUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const engineOption = values.engine ?? (postgresUrl ? 'both' : 'pglite');
  if (!['pglite', 'postgres', 'both'].includes(engineOption)) throw new Error('--engine must be pglite, postgres or both');
  const engines: Engine[] = engineOption === 'both' ? ['pglite', 'postgres'] : [engineOption as Engine];
  if (engines.includes('postgres') && !postgresUrl) {
    throw new Error('The postgres engine needs DATABASE_URL or TEST_DATABASE_URL (try: scripts/test-postgres.sh npm run bench -- --engine postgres)');
  }
  const options: Options = {
    organizations: Number(values.orgs),
    users: Number(values.users),
    approvals: Number(values.approvals),
    scenarios: values.scenarios.split(',').map((id) => id.trim()).filter(Boolean),
    seconds: Number(values.duration),
    warmupSeconds: Number(values.warmup),
    connections: Number(values.connections),
    rawIterations: Number(values['raw-iterations']),
    analyze: !values['skip-analyze'],
    serverFolder: path.resolve(values.server),
    workers: Number(values.workers),
  };
  const known = buildScenarios(SEARCH_TERMS).map((scenario) => scenario.id);
  const unknown = options.scenarios.filter((id) => !known.includes(id));
  if (unknown.length > 0) throw new Error(`--scenarios: unknown ${unknown.join(', ')} (known: ${known.join(', ')})`);
  for (const engine of engines) {
    const result = await benchEngine(engine, options, postgresUrl);
    const file = writeResult(result);
    writeDocument();
    console.log(`\n${engine}: results in ${path.relative(process.cwd(), file)}, summary in docs/benchmarks.md`);
    console.table(
      result.scenarios.map((scenario) => ({
        scenario: `(${scenario.id}) ${scenario.title}`,
        rows: scenario.matchingRows,
        'p50 ms': round(scenario.api.p50),
        'p99 ms': round(scenario.api.p99),
        'req/s': Math.round(scenario.api.requestsPerSecond),
        'raw p50 ms': scenario.raw ? round(scenario.raw.p50) : null,
        'raw p99 ms': scenario.raw ? round(scenario.raw.p99) : null,
        'API/SQL': scenario.ratio ? round(scenario.ratio.loadedP50) : null,
        result: scenario.pass ? 'pass' : 'FAIL',
      })),
    );
  }
}

async function benchEngine(engine: Engine, options: Options, postgresUrl: string | undefined): Promise<EngineResult> {
  console.log(`\n== ${engine}: generating ${options.organizations.toLocaleString('en')} organisations`);
  const serverDatabase = engine === 'pglite' ? { DATA_DIR: freshDataDir() } : { DATABASE_URL: await freshPostgresDatabase(postgresUrl!) };
  const database = await openDatabase(loadConfig(serverDatabase));
  let data: GeneratedData;
  let engineVersion: string;
  const raw = new Map<string, { timing: LatencySummary; matchesService: boolean; total: number; firstIds: string[] }>();
  const explain: EngineResult['explain'] = {};
  const scenarios = buildScenarios(SEARCH_TERMS).filter((scenario) => options.scenarios.length === 0 || options.scenarios.includes(scenario.id));
  let actors: Record<Scenario['actor'], BenchUser>;
  try {
    await prepareDatabase(database, ADMIN_PASSWORD);
    data = await generateData(database, {
      organizations: options.organizations,
      users: options.users,
      approvals: options.approvals,
      password: USER_PASSWORD,
      analyze: options.analyze,
      log: (line) => console.log(line),
    });
    console.log(`  generated in ${data.seconds.total.toFixed(1)} s`);
    actors = pickActors(data.users);
    if (scenarios.some((scenario) => scenario.actor === 'approver')) {
      const { approver } = actors;
      console.log(`  approver: ${approver.username} (${approver.role}), ${approver.pendingApprovals} approvals waiting, ${approver.doneApprovals} decided`);
    }
    engineVersion = await describeEngine(database);

    await waitForQuietMachine((line) => console.log(line));
    for (const scenario of scenarios) {
      const captured = await captureStatements(database, actors[scenario.actor].username, USER_PASSWORD, scenario.endpoint, scenario.query);
      const measured = await measureRawSql(database, scenario.endpoint, captured.statements, options.rawIterations);
      explain[scenario.id] = [];
      for (const statement of captured.statements) explain[scenario.id]!.push(await explainAnalyze(database, statement));
      const matchesService = measured.answer.total === captured.total && measured.answer.firstIds.join() === captured.firstIds.join();
      raw.set(scenario.id, { timing: measured.timing, matchesService, total: captured.total, firstIds: captured.firstIds });
      console.log(`  raw SQL (${scenario.id}): p50 ${round(measured.timing.p50)} ms, p99 ${round(measured.timing.p99)} ms, ${captured.total} rows match`);
      if (!matchesService) console.warn(`  warning: the raw replay of (${scenario.id}) does not answer what the service answered`);
    }
  } finally {
    // PGlite allows one process per data folder: the server can only start once this is closed.
    await database.close();
  }

  const logFile = path.join(repositoryRoot, `bench/.data/server-${engine}.log`);
  const workers = engine === 'postgres' ? options.workers : 1;
  const server = await startServer(options.serverFolder, serverDatabase, ADMIN_PASSWORD, logFile, workers);
  console.log(`== ${engine}: server pid ${server.pid} (${workers} worker${workers > 1 ? 's' : ''}) at ${server.url}`);
  const results: ScenarioResult[] = [];
  try {
    const tokens: Partial<Record<Scenario['actor'], string>> = {};
    for (const actor of new Set(scenarios.map((scenario) => scenario.actor))) tokens[actor] = await login(server.url, actors[actor].username, USER_PASSWORD);
    for (const scenario of scenarios) {
      const actor = actors[scenario.actor];
      const headers = { authorization: `Bearer ${tokens[scenario.actor]!}` };
      const url = `${server.url}${scenarioPath(scenario)}`;
      const response = await fetch(url, { headers });
      if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
      const page = apiAnswer(scenario.endpoint, await response.json());
      const rawResult = raw.get(scenario.id);

      const quietBefore = await waitForQuietMachine((line) => console.log(line));
      console.log(`  (${scenario.id}) ${scenario.title}: warm-up, 1 connection, ${options.connections} connections`);
      await autocannon({ url, headers, connections: options.connections, duration: options.warmupSeconds });
      const sequential = await autocannon({ url, headers, connections: 1, duration: Math.max(3, Math.round(options.seconds / 3)) });
      const serverPids = processTree(server.pid);
      const serverBefore = cpuSecondsByProcess(serverPids);
      const postgresBefore = cpuSecondsByProcess(engine === 'postgres' ? postgresPids() : []);
      const machineBefore = os.cpus();
      const benchBefore = process.cpuUsage();
      const loaded = await autocannon({ url, headers, connections: options.connections, duration: options.seconds });
      const benchUsed = process.cpuUsage(benchBefore);
      const cpu = {
        quietBefore,
        machine: busyBetween(machineBefore, os.cpus()),
        server: cpuSecondsBetween(serverBefore, cpuSecondsByProcess(serverPids)) / loaded.duration,
        postgres: engine === 'postgres' ? cpuSecondsBetween(postgresBefore, cpuSecondsByProcess(postgresPids())) / loaded.duration : null,
        loadGenerator: (benchUsed.user + benchUsed.system) / 1e6 / loaded.duration,
        other: 0,
      };
      // Whatever else ran on the machine meanwhile (another test suite, a build) took this much.
      cpu.other = Math.max(0, cpu.machine * os.cpus().length - cpu.server - (cpu.postgres ?? 0) - cpu.loadGenerator);
      if (cpu.other > 0.25) console.warn(`  warning: other work used ${cpu.other.toFixed(2)} cores during the run; the numbers are low`);

      const target = targetFor(engine, scenario.endpoint);
      const errors = loaded.non2xx + loaded.errors + loaded.timeouts + sequential.non2xx + sequential.errors;
      const api = {
        ...latency(loaded.latency),
        connections: options.connections,
        seconds: loaded.duration,
        requestsPerSecond: loaded.requests.average,
        requests: loaded.requests.total,
        non2xx: loaded.non2xx,
        errors: loaded.errors,
        timeouts: loaded.timeouts,
      };
      const sequentialSummary = { ...latency(sequential.latency), requests: sequential.requests.total };
      results.push({
        id: scenario.id,
        title: scenario.title,
        path: scenarioPath(scenario),
        endpoint: scenario.endpoint,
        actor: { username: actor.username, role: actor.role, scope: actor.scope },
        matchingRows: page.total,
        api,
        sequential: sequentialSummary,
        raw: rawResult
          ? {
              ...rawResult.timing,
              iterations: options.rawIterations,
              matchesApi: rawResult.matchesService && rawResult.total === page.total && rawResult.firstIds.join() === page.firstIds.join(),
            }
          : null,
        ratio: rawResult ? { loadedP50: api.p50 / rawResult.timing.p50, sequentialP50: sequentialSummary.p50 / rawResult.timing.p50 } : null,
        cpu,
        target,
        pass: errors === 0 && api.p99 <= target.p99 && (target.requestsPerSecond === null || api.requestsPerSecond >= target.requestsPerSecond),
      });
      if (rawResult && !results.at(-1)!.raw!.matchesApi) console.warn(`  warning: raw SQL for (${scenario.id}) does not return what the API returns`);
    }
  } finally {
    await server.stop();
  }

  const { users: _users, seconds, ...counts } = data;
  return {
    engine,
    engineVersion,
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.versions.node,
      platform: `${os.platform()} ${os.release()}`,
    },
    options: {
      organizations: options.organizations,
      users: options.users,
      approvals: options.approvals,
      seconds: options.seconds,
      warmupSeconds: options.warmupSeconds,
      connections: options.connections,
      rawIterations: options.rawIterations,
      analyzed: options.analyze,
      server: path.relative(repositoryRoot, options.serverFolder),
      workers,
    },
    data: { ...counts, users: data.users.length + 1, generateSeconds: seconds.total, approvalsGenerateSeconds: seconds.approvals },
    scenarios: results,
    explain,
  };
}

type BenchUser = { username: string; role: string; scope: DataScope; pendingApprovals: number; doneApprovals: number };

/**
 * The rep with the median number of customers, the regional manager of the region with the most, and the
 * approver with the most approvals waiting (then the most decided): the fullest inbox.
 */
function pickActors(users: GeneratedUser[]): Record<Scenario['actor'], BenchUser> {
  const director = users.find((user) => user.role === 'sales_director')!;
  const regionalManagers = users.filter((user) => user.role === 'sales_manager' && user.managerId === director.id);
  const customersInRegion = (manager: GeneratedUser) =>
    users.filter((user) => user.departmentPath.startsWith(manager.departmentPath)).reduce((total, user) => total + user.ownedOrganizations, 0);
  const manager = regionalManagers.sort((left, right) => customersInRegion(right) - customersInRegion(left))[0]!;
  const reps = users.filter((user) => user.role === 'sales_rep').sort((left, right) => left.ownedOrganizations - right.ownedOrganizations);
  const rep = reps[Math.floor(reps.length / 2)]!;
  const approver = [...users].sort((left, right) => right.pendingApprovals - left.pendingApprovals || right.doneApprovals - left.doneApprovals)[0]!;
  const benchUser = (user: GeneratedUser) => ({
    username: user.username,
    role: user.role,
    scope: builtinRoles.find((candidate) => candidate.code === user.role)!.scope,
    pendingApprovals: user.pendingApprovals,
    doneApprovals: user.doneApprovals,
  });
  return { rep: benchUser(rep), manager: benchUser(manager), approver: benchUser(approver) };
}

async function measureRawSql(database: Database, endpoint: Endpoint, statements: SqlStatement[], iterations: number) {
  for (let index = 0; index < Math.min(50, iterations); index += 1) await replay(database, statements);
  const durations: number[] = [];
  let last: Awaited<ReturnType<typeof replay>> = [];
  for (let index = 0; index < iterations; index += 1) {
    const started = performance.now();
    last = await replay(database, statements);
    durations.push(performance.now() - started);
  }
  return { timing: summarise(durations), answer: replayAnswer(endpoint, statements, last) };
}

async function explainAnalyze(database: Database, statement: SqlStatement): Promise<string> {
  const rows = await database.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${statement.text}`, statement.params);
  return [`-- ${statement.text}`, `-- params: ${JSON.stringify(statement.params)}`, ...rows.map((row) => row['QUERY PLAN'])].join('\n');
}

function summarise(durations: number[]): LatencySummary {
  const sorted = [...durations].sort((left, right) => left - right);
  const at = (fraction: number) => sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? 0;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), mean: sorted.reduce((total, value) => total + value, 0) / sorted.length, max: sorted.at(-1) ?? 0 };
}

function latency(histogram: autocannon.Histogram): LatencySummary {
  return { p50: histogram.p50, p90: histogram.p90, p99: histogram.p99, mean: histogram.average, max: histogram.max };
}

const round = (value: number) => Math.round(value * 10) / 10;

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

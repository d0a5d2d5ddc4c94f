// Results: bench/results/<engine>.json for machines, and the tables in docs/benchmarks.md for people.
import fs from 'node:fs';
import path from 'node:path';
import type { Engine } from '../server/src/db/client';
import type { GeneratedApprovals } from './generate-approvals';
import type { Endpoint } from './scenarios';
import { repositoryRoot } from './server-process';

type Target = { p99: number; requestsPerSecond: number | null };

/** The organisation list's targets (foundation issue); PGlite, one process for everything, has its own looser one. */
export const targets: Record<Engine, Target> = {
  postgres: { p99: 50, requestsPerSecond: 800 },
  pglite: { p99: 150, requestsPerSecond: null },
};

/** The approvals inbox (WF issue): p99 ≤ 50 ms on PostgreSQL, no throughput target; PGlite as for the lists. */
export function targetFor(engine: Engine, endpoint: Endpoint): Target {
  if (endpoint === 'organizations') return targets[engine];
  return { p99: targets[engine].p99, requestsPerSecond: null };
}

export type LatencySummary = { p50: number; p90: number; p99: number; mean: number; max: number };

export type ScenarioResult = {
  id: string;
  title: string;
  path: string;
  /** Absent in results written before the approvals scenarios: organizations. */
  endpoint?: Endpoint;
  actor: { username: string; role: string; scope: string };
  /** `total` of the list answer: the rows that match within the actor's scope (counts: the waiting count). */
  matchingRows: number;
  api: LatencySummary & { connections: number; seconds: number; requestsPerSecond: number; requests: number; non2xx: number; errors: number; timeouts: number };
  /** One connection, one request at a time: the latency of a request without queueing. */
  sequential: LatencySummary & { requests: number };
  /** The statements the service sends (list and count, captured from it), through the same driver, one iteration at a time. */
  raw: (LatencySummary & { iterations: number; matchesApi: boolean }) | null;
  /** API p50 ÷ raw SQL p50, under load (16 connections) and one request at a time. */
  ratio: { loadedP50: number; sequentialP50: number } | null;
  /**
   * During the loaded run, in cores used (of `machine.cpus`): the server process, the PostgreSQL processes,
   * the load generator (autocannon, in the bench process) and other work on the machine; `machine` is the
   * busy share of all cores, `quietBefore` the busy share just before the scenario started.
   */
  cpu: { server: number; postgres: number | null; loadGenerator: number; other: number; machine: number; quietBefore: number };
  target: { p99: number; requestsPerSecond: number | null };
  pass: boolean;
};

export type EngineResult = {
  engine: Engine;
  engineVersion: string;
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string };
  options: { organizations: number; users: number; approvals?: number; seconds: number; warmupSeconds: number; connections: number; rawIterations: number; analyzed: boolean; server: string; /** Server processes (WORKERS); absent in older results: 1. */ workers?: number };
  data: {
    departments: number;
    users: number;
    organizations: number;
    deletedOrganizations: number;
    unownedOrganizations: number;
    shares: number;
    organizationsByType: Record<string, number>;
    /** Absent in results written before approvals were generated. */
    approvals?: GeneratedApprovals;
    generateSeconds: number;
    approvalsGenerateSeconds?: number;
  };
  scenarios: ScenarioResult[];
  /** EXPLAIN (ANALYZE, BUFFERS) of each statement the service sends per scenario (list and count). */
  explain: Record<string, string[]>;
};

const resultsFolder = path.join(repositoryRoot, 'bench/results');
const documentPath = path.join(repositoryRoot, 'docs/benchmarks.md');
const startMarker = '<!-- bench:results:start -->';
const endMarker = '<!-- bench:results:end -->';

export function writeResult(result: EngineResult): string {
  fs.mkdirSync(resultsFolder, { recursive: true });
  const file = path.join(resultsFolder, `${result.engine}.json`);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  const explain = Object.entries(result.explain)
    .map(([id, plans]) => plans.map((plan, index) => `== scenario ${id}, statement ${index + 1} ==\n${plan}\n`).join('\n'))
    .join('\n');
  fs.writeFileSync(path.join(resultsFolder, `${result.engine}-explain.txt`), explain);
  return file;
}

/** Rewrites the generated part of docs/benchmarks.md from every engine's latest result; prose outside the markers stays. */
export function writeDocument(): void {
  const results = (['postgres', 'pglite'] as const)
    .map((engine) => path.join(resultsFolder, `${engine}.json`))
    .filter((file) => fs.existsSync(file))
    .map((file) => JSON.parse(fs.readFileSync(file, 'utf8')) as EngineResult);
  const generated = `${startMarker}\n${results.map(engineSection).join('\n')}${endMarker}`;
  const current = fs.existsSync(documentPath) ? fs.readFileSync(documentPath, 'utf8') : '';
  const start = current.indexOf(startMarker);
  const end = current.indexOf(endMarker);
  const next =
    start >= 0 && end > start
      ? current.slice(0, start) + generated + current.slice(end + endMarker.length)
      : `# Benchmarks\n\nMeasured with \`npm run bench\` (see [bench/README.md](../bench/README.md)).\n\n${generated}\n`;
  fs.writeFileSync(documentPath, next);
}

function engineSection(result: EngineResult): string {
  const name = result.engine === 'postgres' ? 'PostgreSQL' : 'PGlite';
  const describe = (target: Target) => `p99 ≤ ${target.p99} ms${target.requestsPerSecond ? ` and ≥ ${target.requestsPerSecond} req/s` : ''}`;
  const groups = new Map<string, string[]>();
  for (const scenario of result.scenarios) groups.set(describe(scenario.target), [...(groups.get(describe(scenario.target)) ?? []), scenario.id]);
  const targetText =
    groups.size <= 1
      ? `${describe(result.scenarios[0]?.target ?? targets[result.engine])} per scenario`
      : [...groups].map(([text, ids]) => `${text} for ${ids.length > 1 ? `(${ids[0]})–(${ids.at(-1)})` : `(${ids[0]})`}`).join('; ');
  const { data, options, machine } = result;
  const approvals = data.approvals && data.approvals.instances > 0 ? data.approvals : null;
  const approvalsText = approvals
    ? ` ${approvals.instances.toLocaleString('en')} organisation-deletion approvals (` +
      Object.entries(approvals.byStatus)
        .map(([status, count]) => `${count.toLocaleString('en')} ${status}`)
        .join(', ') +
      `; ${approvals.tasks.toLocaleString('en')} tasks, ${approvals.events.toLocaleString('en')} events; the approved ones soft-deleted their organisation).`
    : '';
  const lines = [
    `## ${name} (${result.engineVersion})`,
    '',
    `Run ${result.date.slice(0, 16).replace('T', ' ')} UTC on ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGb} GB RAM, Node ${machine.node}. ` +
      `Target: ${targetText}.`,
    '',
    `Data: ${data.organizations.toLocaleString('en')} organisations (${data.deletedOrganizations.toLocaleString('en')} soft-deleted, ` +
      `${data.unownedOrganizations.toLocaleString('en')} unowned, ${data.shares.toLocaleString('en')} shared), ${data.users} users, ` +
      `${data.departments} departments;${approvalsText} Generated in ${data.generateSeconds.toFixed(0)} s${options.analyzed ? ', then VACUUM ANALYZE' : ', not analysed'}. ` +
      `Server: ${options.workers ?? 1} process${(options.workers ?? 1) > 1 ? 'es (WORKERS)' : ''}. ` +
      `Load: ${options.connections} connections for ${options.seconds} s per scenario after ${options.warmupSeconds} s warm-up; ` +
      `raw SQL: the statements the service sends, ${options.rawIterations} iterations one at a time.` +
      (options.server && options.server !== 'server' ? ` **Server: a modified copy in \`${options.server}\`, not the repository's.**` : ''),
    '',
    '| Scenario | User (scope or role) | Rows matching | p50 | p99 | req/s | 1 conn. p50 | Raw SQL p50 / p99 | API ÷ SQL p50 (loaded / 1 conn.) | CPU cores: server / db / load gen. / other | Result |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...result.scenarios.map((scenario) => {
      const raw = scenario.raw ? `${ms(scenario.raw.p50)} / ${ms(scenario.raw.p99)}` : '–';
      const ratio = scenario.ratio ? `${scenario.ratio.loadedP50.toFixed(1)}× / ${scenario.ratio.sequentialP50.toFixed(1)}×` : '–';
      const errors = scenario.api.non2xx + scenario.api.errors + scenario.api.timeouts;
      const verdict = scenario.pass ? 'pass' : `**fail**${errors > 0 ? ` (${errors} errors)` : ''}`;
      return (
        // The inbox is not a data scope's: there the role tells who asks.
        `| (${scenario.id}) ${scenario.title} | ${scenario.actor.username} (${(scenario.endpoint ?? 'organizations') === 'organizations' ? scenario.actor.scope : scenario.actor.role}) | ${scenario.matchingRows.toLocaleString('en')} | ` +
        `${ms(scenario.api.p50)} | ${ms(scenario.api.p99)} | ${Math.round(scenario.api.requestsPerSecond)} | ${ms(scenario.sequential.p50)} | ${raw} | ${ratio} | ${cpu(scenario)} | ${verdict} |`
      );
    }),
    '',
  ];
  return lines.join('\n');
}

const cpu = ({ cpu: used }: ScenarioResult) =>
  // Results written before CPU was recorded have none.
  used
    ? `${used.server.toFixed(2)} / ${used.postgres === null ? 'in server' : used.postgres.toFixed(2)} / ${used.loadGenerator.toFixed(2)} / ${used.other.toFixed(2)}`
    : '–';
const ms = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;

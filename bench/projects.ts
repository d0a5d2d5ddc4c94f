// The projects benchmark (issue 5): 300,000 sales projects over both built-in processes with 2,000,000 stage-history
// rows — a manager's board, the project page's API calls, the registration check — against the real server.
//   npm run bench:projects -w bench -- --engine pglite|postgres [--projects 300000] [--history 2000000] [--orgs 100000]
// See bench/README.md; results go to bench/results/projects-<engine>.json and docs/benchmarks.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/src/config';
import type { Engine } from '../server/src/db/client';
import { openDatabase } from '../server/src/db/open';
import { runMigrations } from '../server/src/db/migrate';
import { benchServerDatabase, describeEngine, scenarioBenchOptions } from './bench-databases';
import { generateData, prepareDatabase, seededRandom } from './generate';
import { load, type Percentiles } from './load';
import { insertContacts } from './generate-contacts';
import { insertProjects, type GeneratedProjects } from './generate-projects';
import { waitForQuietMachine } from './machine-load';
import { describeMachine, loadResults, saveResult, type MachineDescription } from './results-file';
import { login, repositoryRoot, startServer } from './server-process';

const ADMIN_PASSWORD = 'bench-admin-password';
/** The PGlite data of this benchmark, kept for --reuse (bench/.data/pglite-projects). */
const PGLITE_FOLDER = 'pglite-projects';
const USER_PASSWORD = 'bench-user-password';

/** `loaded`: the target is judged under `connections` concurrent loops; `single`: one request at a time (as customers.ts). */
type Target = { metric: 'p95' | 'p99'; limit: number; judged: 'single' | 'loaded' };
/** `busyBefore`: the share of the cores other work used just before the scenario (the machine is shared). */
type ProjectScenario = { id: string; title: string; actor: string; target: Target; calls: string[]; single: Percentiles; loaded: Percentiles; pass: boolean; busyBefore?: number };
type ProjectsResult = {
  engine: Engine;
  engineVersion: string;
  date: string;
  machine: MachineDescription;
  data: GeneratedProjects & { organizations: number; contacts: number; users: number; generateSeconds: number; boardProjects: number };
  options: { connections: number; seconds: number; workers: number };
  scenarios: ProjectScenario[];
};

/** PostgreSQL targets from the issue; PGlite within 3× (one process for the server and the database). */
const targetFor = (engine: Engine, base: Target): Target => (engine === 'postgres' ? base : { ...base, limit: base.limit * 3 });

/**
 * What the project page asks for when it opens, by route template: the ones the server answers (probed once with a
 * real project) are measured, the others reported as missing. `{id}` is the project.
 */
const projectPageCalls = [
  '/api/v1/projects/{id}',
  '/api/v1/projects/{id}/stages',
  '/api/v1/projects/{id}/stakeholders',
  '/api/v1/projects/{id}/competitors',
  '/api/v1/projects/{id}/members',
  '/api/v1/projects/{id}/plan',
  '/api/v1/projects/{id}/tenders',
];

async function main() {
  const { values } = parseArgs({
    options: {
      ...scenarioBenchOptions,
      orgs: { type: 'string', default: '100000' },
      contacts: { type: 'string', default: '3' },
      projects: { type: 'string', default: '300000' },
      history: { type: 'string', default: '2000000' },
      'generate-only': { type: 'boolean', default: false },
      /** Measure on the data a previous run generated (bench/.data/pglite or openpsm_bench), migrating it first. */
      reuse: { type: 'boolean', default: false },
      'render-only': { type: 'boolean', default: false },
    },
  });
  if (values['render-only']) {
    // Rewrites the document from the results already in bench/results (after editing the table's layout).
    writeProjectsDocument();
    return;
  }
  const projectCount = Number(values.projects);
  const options = { seconds: Number(values.duration), connections: Number(values.connections) };
  const only = values.only.split(',').filter(Boolean);

  const reuse = values.reuse;
  const { engine, serverDatabase } = await benchServerDatabase(values.engine, { reuse, pgliteFolder: PGLITE_FOLDER });
  console.log(
    reuse
      ? `== ${engine}: measuring on the data of a previous run`
      : `== ${engine}: generating ${Number(values.orgs).toLocaleString('en')} organisations, ${projectCount.toLocaleString('en')} projects, ${Number(values.history).toLocaleString('en')} stage-history rows`,
  );
  const database = await openDatabase(loadConfig(serverDatabase));
  const started = performance.now();
  let engineVersion: string;
  let samples: Samples;
  let generated: GeneratedProjects;
  let contactCount = 0;
  let userCount = 0;
  if (reuse) {
    try {
      // Later migrations (indexes, kept sums) are applied to the data as they would be to a database in use.
      await runMigrations(database);
      ({ generated, contacts: contactCount, users: userCount } = await countGenerated(database));
      await database.query('analyze');
      samples = await pickSamples(database);
      engineVersion = await describeEngine(database);
    } finally {
      await database.close();
    }
  } else try {
    // The baseline seeds the two built-in sales processes (ensureSalesProcesses); the projects read their stages.
    await prepareDatabase(database, ADMIN_PASSWORD);
    const data = await generateData(database, { organizations: Number(values.orgs), users: 500, approvals: 0, password: USER_PASSWORD, analyze: false, log: (line) => console.log(line) });
    userCount = data.users.length + 1;
    const live = await database.query<{ id: string }>('select id from organizations where deleted_at is null order by number');
    const random = seededRandom(20261123);
    const contacts = await database.db.transaction((tx) => insertContacts(tx, random, live.map((row) => row.id), Number(values.contacts), (line) => console.log(line)));
    contactCount = contacts.contacts;
    generated = await database.db.transaction((tx) => insertProjects(tx, random, { projects: projectCount, historyRows: Number(values.history), log: (line) => console.log(line) }));
    console.log(`  projects generated in ${generated.seconds.toFixed(0)} s: ${JSON.stringify({ ...generated, seconds: undefined })}`);
    await database.query('vacuum analyze');
    samples = await pickSamples(database);
    engineVersion = await describeEngine(database);
  } finally {
    await database.close();
  }
  const generateSeconds = reuse ? 0 : (performance.now() - started) / 1000;
  console.log(`  generated in ${generateSeconds.toFixed(0)} s; the manager ${samples.manager} sees ${samples.boardProjects.toLocaleString('en')} open projects of ${samples.processCode}`);
  if (values['generate-only']) return;

  const workers = engine === 'postgres' ? os.cpus().length : 1;
  const server = await startServer(path.join(repositoryRoot, 'server'), serverDatabase, ADMIN_PASSWORD, path.join(repositoryRoot, `bench/.data/server-projects-${engine}.log`), workers);
  const scenarios: ProjectScenario[] = [];
  try {
    const token = await login(server.url, samples.manager, USER_PASSWORD);
    const run = async (id: string, title: string, base: Target, calls: string[], next: (index: number) => string[]) => {
      if (only.length && !only.includes(id)) return;
      const busyBefore = await waitForQuietMachine((line) => console.log(line));
      console.log(`  (${id}) ${title}`);
      const target = targetFor(engine, base);
      const meets = (measured: Percentiles) => measured.errors === 0 && measured[target.metric] <= target.limit;
      const single = await load(server.url, token, next, 1, Math.max(5, Math.round(options.seconds / 2)));
      const loaded = await load(server.url, token, next, options.connections, options.seconds);
      scenarios.push({ id, title, actor: samples.manager, target, calls, single, loaded, pass: meets(target.judged === 'loaded' ? loaded : single), busyBefore });
      for (const [label, measured] of [['1 connection', single], [`${options.connections} connections`, loaded]] as const) {
        console.log(`      ${label}: p50 ${measured.p50.toFixed(1)} ms, p95 ${measured.p95.toFixed(1)} ms, p99 ${measured.p99.toFixed(1)} ms, ${Math.round(measured.perSecond)} req/s, ${measured.errors} errors`);
      }
    };
    const board = `/api/v1/pipeline/board?processId=${samples.processId}`;
    await run('p', `a manager's board (${samples.processCode}, ${samples.boardProjects.toLocaleString('en')} open projects in scope)`, { metric: 'p99', limit: 150, judged: 'loaded' }, [board], () => [board]);

    // The project page: only the routes that exist now (answer 200 for a project in scope).
    const present: string[] = [];
    const missing: string[] = [];
    for (const template of projectPageCalls) {
      const response = await fetch(`${server.url}${template.replace('{id}', samples.projectIds[0]!)}`, { headers: { authorization: `Bearer ${token}` } });
      await response.arrayBuffer();
      (response.ok ? present : missing).push(template);
    }
    console.log(`      project page calls measured: ${present.join(', ')}; not answering (left out): ${missing.join(', ') || 'none'}`);
    await run('q', `project page: ${present.length} calls on open, in parallel`, { metric: 'p99', limit: 100, judged: 'single' }, present, (index) => {
      const id = samples.projectIds[index % samples.projectIds.length]!;
      return present.map((template) => template.replace('{id}', id));
    });
    await run('r', 'registration check: a colleague types a project like an existing one', { metric: 'p95', limit: 50, judged: 'single' }, ['/api/v1/projects/registration-check'], (index) => {
      const probe = samples.registrations[index % samples.registrations.length]!;
      return [`/api/v1/projects/registration-check?${new URLSearchParams(probe).toString()}`];
    });
  } finally {
    await server.stop();
  }
  const result: ProjectsResult = {
    engine,
    engineVersion,
    date: new Date().toISOString(),
    machine: describeMachine(),
    data: { ...generated, organizations: Number(values.orgs), contacts: contactCount, users: userCount, generateSeconds, boardProjects: samples.boardProjects },
    options: { ...options, workers },
    scenarios,
  };
  saveResult('projects', engine, result, only);
  writeProjectsDocument();
  console.table(result.scenarios.map((scenario) => ({ scenario: `(${scenario.id}) ${scenario.title}`, target: `${scenario.target.metric} ≤ ${scenario.target.limit} ms (${scenario.target.judged})`, result: scenario.pass ? 'pass' : 'FAIL' })));
}

// ---------------------------------------------------------------------------------------------------

/** What a previous run generated, counted again (--reuse); `seconds` is unknown then (0). */
async function countGenerated(database: Awaited<ReturnType<typeof openDatabase>>): Promise<{ generated: GeneratedProjects; contacts: number; users: number }> {
  const count = async (table: string) => Number((await database.query<{ count: string }>(`select count(*) as count from ${table}`))[0]!.count);
  const grouped = async (statement: string) =>
    Object.fromEntries((await database.query<{ key: string; count: string }>(statement)).map((row) => [row.key, Number(row.count)]));
  return {
    generated: {
      projects: await count('projects'),
      byStatus: await grouped('select status as key, count(*) as count from projects group by 1 order by 1'),
      byProcess: await grouped('select sp.code as key, count(*) as count from projects p join sales_processes sp on sp.id = p.process_id group by 1 order by 1'),
      history: await count('project_stage_history'),
      relatedOrganizations: await count('project_organizations'),
      stakeholders: await count('project_stakeholders'),
      competitors: await count('project_competitors'),
      members: await count('project_members'),
      checklist: await count('project_checklist'),
      seconds: 0,
    },
    contacts: await count('contacts'),
    users: await count('users'),
  };
}

type Samples = { manager: string; processId: string; processCode: string; boardProjects: number; projectIds: string[]; registrations: Record<string, string>[] };

async function pickSamples(database: Awaited<ReturnType<typeof openDatabase>>): Promise<Samples> {
  // The regional manager (reporting to the director) with the most open projects of the 8-stage process in scope.
  const [manager] = await database.query<{ username: string; path: string; projects: number }>(`
    select u.username, d.path, (select count(*)::int from projects p join users owner on owner.id = p.owner_id join departments od on od.id = owner.department_id
                                 join sales_processes sp on sp.id = p.process_id
                                where sp.code = 'ctmp8' and p.status = 'open' and p.deleted_at is null and od.path like d.path || '%') as projects
      from users u join departments d on d.id = u.department_id join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id
     where r.code = 'sales_manager' and u.manager_id = (select u2.id from users u2 join user_roles ur2 on ur2.user_id = u2.id join roles r2 on r2.id = ur2.role_id where r2.code = 'sales_director' limit 1)
     order by 3 desc limit 1`);
  const [process] = await database.query<{ id: string; code: string }>(`select id, code from sales_processes where code = 'ctmp8'`);
  const inScope = await database.query<{ id: string; name: string; organization_id: string; site: string | null }>(
    `select p.id, p.name, p.organization_id, p.site from projects p join users owner on owner.id = p.owner_id join departments od on od.id = owner.department_id
      where p.deleted_at is null and od.path like $1 || '%' order by md5(p.id::text) limit 400`,
    [manager!.path],
  );
  // As people type them: the name as registered, without its phase, with another phase, with 采购 for 项目.
  const registrations = inScope.slice(0, 200).map((project, index) => {
    const variants = [project.name, project.name.replace(/[一二三]期$/, ''), `${project.name.replace(/[一二三]期$/, '')}二期`, project.name.replace('项目', '采购')];
    return { organizationId: project.organization_id, name: variants[index % variants.length]!, ...(project.site ? { site: project.site } : {}) };
  });
  return { manager: manager!.username, processId: process!.id, processCode: process!.code, boardProjects: manager!.projects, projectIds: inScope.map((row) => row.id), registrations };
}

// ---------------------------------------------------------------------------------------------------

const startMarker = '<!-- bench:projects:start -->';
const endMarker = '<!-- bench:projects:end -->';

function writeProjectsDocument() {
  const documentPath = path.join(repositoryRoot, 'docs/benchmarks.md');
  const sections = loadResults<ProjectsResult>('projects')
    .map((result) => {
      const name = result.engine === 'postgres' ? 'PostgreSQL' : 'PGlite';
      const percentiles = (measured: Percentiles) => `p50 ${ms(measured.p50)}, p95 ${ms(measured.p95)}, p99 ${ms(measured.p99)}; ${Math.round(measured.perSecond)} req/s${measured.errors ? `, ${measured.errors} errors` : ''}`;
      const rows = result.scenarios.map((scenario) => {
        const target = `${scenario.target.metric} ≤ ${Math.round(scenario.target.limit)} ms ${scenario.target.judged === 'loaded' ? `at ${result.options.connections} connections` : 'one at a time'}`;
        const busy = scenario.busyBefore === undefined ? '–' : `${Math.round(scenario.busyBefore * 100)} %`;
        return `| (${scenario.id}) ${scenario.title} | ${scenario.actor} | ${target} | ${percentiles(scenario.single)} | ${percentiles(scenario.loaded)} | ${busy} | ${scenario.pass ? 'pass' : '**fail**'} |`;
      });
      const { data } = result;
      const calls = result.scenarios.find((scenario) => scenario.id === 'q')?.calls ?? [];
      return [
        `### Projects — ${name} (${result.engineVersion})`,
        '',
        `Run ${result.date.slice(0, 16).replace('T', ' ')} UTC on ${result.machine.cpus} cores (${result.machine.cpuModel}), ${result.machine.memoryGb} GB RAM, Node ${result.machine.node}. ` +
          `Data: ${data.projects.toLocaleString('en')} projects (${Object.entries(data.byStatus).map(([status, count]) => `${count.toLocaleString('en')} ${status}`).join(', ')}; ` +
          `${Object.entries(data.byProcess).map(([code, count]) => `${count.toLocaleString('en')} ${code}`).join(', ')}), ${data.history.toLocaleString('en')} stage-history rows, ` +
          `${data.relatedOrganizations.toLocaleString('en')} related organisations, ${data.stakeholders.toLocaleString('en')} stakeholders, ${data.competitors.toLocaleString('en')} competitors, ` +
          `${data.members.toLocaleString('en')} team members, ${data.checklist.toLocaleString('en')} checklist ticks; ${data.organizations.toLocaleString('en')} organisations, ${data.contacts.toLocaleString('en')} contacts, ${data.users} users; ` +
          (data.seconds
            ? `projects generated in ${data.seconds.toFixed(0)} s (${data.generateSeconds.toFixed(0)} s in all). `
            : 'the data of an earlier run of the same generator, brought up to the current migrations (`--reuse`). ') +
          `The board's manager sees ${data.boardProjects.toLocaleString('en')} open projects of the process. ` +
          `Server: ${result.options.workers} process${result.options.workers > 1 ? 'es (WORKERS)' : ''}. Each scenario: one request at a time for ${Math.max(5, Math.round(result.options.seconds / 2))} s, then ${result.options.connections} concurrent loops for ${result.options.seconds} s; 3 s warm-up before each.` +
          (calls.length ? ` The project page's calls measured in (q): ${calls.map((call) => `\`${call}\``).join(', ')}.` : ''),
        '',
        `| Scenario | User | Target | 1 connection | ${result.options.connections} connections | Cores busy with other work before | Result |`,
        '| --- | --- | --- | --- | --- | ---: | --- |',
        ...rows,
        '',
      ].join('\n');
    });
  const generated = `${startMarker}\n${sections.join('\n')}${endMarker}`;
  const current = fs.readFileSync(documentPath, 'utf8');
  const start = current.indexOf(startMarker);
  const end = current.indexOf(endMarker);
  const next = start >= 0 && end > start ? current.slice(0, start) + generated + current.slice(end + endMarker.length) : `${current.trimEnd()}\n\n## Projects (issue 5)\n\nMeasured with \`npm run bench:projects -w bench\` (see [bench/README.md](../bench/README.md)).\n\n${generated}\n`;
  fs.writeFileSync(documentPath, next);
}

const ms = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

// The activities benchmark (issue 6): 3,000,000 follow-up records over six years — a manager's team calendar week,
// team visibility of a 100-rep region over a quarter, and a rep logging a visit — against the real server.
//   npm run bench:activities -w bench -- --engine pglite|postgres [--activities 3000000] [--tasks 300000] [--users 620]
// See bench/README.md; results go to bench/results/activities-<engine>.json and docs/benchmarks.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/src/config';
import type { Database, Engine } from '../server/src/db/client';
import { openDatabase } from '../server/src/db/open';
import { runMigrations } from '../server/src/db/migrate';
import { benchServerDatabase, describeEngine, scenarioBenchOptions } from './bench-databases';
import { generateData, prepareDatabase, seededRandom } from './generate';
import { BENCH_TIME_ZONE, BENCH_UTC_OFFSET, insertActivities, visitContent, visitOutcome, type GeneratedActivities } from './generate-activities';
import { insertContacts } from './generate-contacts';
import { insertProjects } from './generate-projects';
import { load, type LoadRequest, type Percentiles } from './load';
import { waitForQuietMachine } from './machine-load';
import { describeMachine, loadResults, saveResult, type MachineDescription } from './results-file';
import { login, repositoryRoot, startServer } from './server-process';

const ADMIN_PASSWORD = 'bench-admin-password';
const USER_PASSWORD = 'bench-user-password';
/** The PGlite data of this benchmark, kept for --reuse (bench/.data/pglite-activities). */
const PGLITE_FOLDER = 'pglite-activities';
const DAY_MS = 86_400_000;

/** `loaded`: judged under `connections` concurrent loops; `single`: one request at a time (as projects.ts). */
type Target = { metric: 'p95' | 'p99'; limit: number; judged: 'single' | 'loaded' };
/** `missing`: the route did not answer the probe (not written yet, or failing): the scenario is reported, not measured. */
type ActivityScenario = {
  id: string;
  title: string;
  actor: string;
  target: Target;
  call: string;
  single?: Percentiles;
  loaded?: Percentiles;
  pass: boolean;
  busyBefore?: number;
  missing?: string;
  /** What the probe's answer showed (entries, truncation, rows). */
  note?: string;
};
type DataSummary = GeneratedActivities & {
  organizations: number;
  contacts: number;
  projects: number;
  history: number;
  users: number;
  generateSeconds: number;
  manager: Samples['manager'];
  weeks: Samples['weeks'];
  quarters: Samples['quarters'];
  rep: { username: string; customers: number };
};
type ActivitiesResult = {
  engine: Engine;
  engineVersion: string;
  date: string;
  machine: MachineDescription;
  data: DataSummary;
  options: { connections: number; seconds: number; workers: number };
  scenarios: ActivityScenario[];
};

/** PostgreSQL targets from the issue; PGlite within 3× (one process for the server and the database). */
const targetFor = (engine: Engine, base: Target): Target => (engine === 'postgres' ? base : { ...base, limit: base.limit * 3 });

async function main() {
  const { values } = parseArgs({
    options: {
      ...scenarioBenchOptions,
      orgs: { type: 'string', default: '100000' },
      contacts: { type: 'string', default: '3' },
      projects: { type: 'string', default: '30000' },
      history: { type: 'string', default: '150000' },
      users: { type: 'string', default: '620' },
      activities: { type: 'string', default: '3000000' },
      tasks: { type: 'string', default: '300000' },
      'generate-only': { type: 'boolean', default: false },
      /** Measure on the data a previous run generated (bench/.data/pglite-activities or openpsm_bench), migrating it first. */
      reuse: { type: 'boolean', default: false },
      'render-only': { type: 'boolean', default: false },
    },
  });
  if (values['render-only']) {
    writeActivitiesDocument();
    return;
  }
  const options = { seconds: Number(values.duration), connections: Number(values.connections) };
  const only = values.only.split(',').filter(Boolean);
  const reuse = values.reuse;
  const { engine, serverDatabase } = await benchServerDatabase(values.engine, { reuse, pgliteFolder: PGLITE_FOLDER });
  const count = (name: 'orgs' | 'projects' | 'history' | 'users' | 'activities' | 'tasks') => Number(values[name]).toLocaleString('en');
  console.log(
    reuse
      ? `== ${engine}: measuring on the data of a previous run`
      : `== ${engine}: generating ${count('orgs')} organisations, ${count('users')} users, ${count('projects')} projects, ${count('activities')} activities, ~${count('tasks')} tasks`,
  );
  const database = await openDatabase(loadConfig(serverDatabase));
  const started = performance.now();
  let engineVersion: string;
  let samples: Samples;
  let generated: GeneratedActivities;
  try {
    if (reuse) {
      // Later migrations are applied to the data as they would be to a database in use.
      await runMigrations(database);
      generated = await countActivities(database);
      await database.query('analyze');
    } else {
      await prepareDatabase(database, ADMIN_PASSWORD);
      await generateData(database, { organizations: Number(values.orgs), users: Number(values.users), approvals: 0, password: USER_PASSWORD, analyze: false, log: (line) => console.log(line) });
      const live = await database.query<{ id: string }>('select id from organizations where deleted_at is null order by number');
      const random = seededRandom(20261207);
      await database.db.transaction((tx) => insertContacts(tx, random, live.map((row) => row.id), Number(values.contacts), (line) => console.log(line)));
      const projects = await database.db.transaction((tx) => insertProjects(tx, random, { projects: Number(values.projects), historyRows: Number(values.history), log: (line) => console.log(line) }));
      console.log(`  projects generated in ${projects.seconds.toFixed(0)} s`);
      generated = await database.db.transaction((tx) =>
        insertActivities(tx, random, {
          activities: Number(values.activities),
          tasks: Number(values.tasks),
          ...(engine === 'postgres' ? { maintenanceWorkMem: '512MB' } : {}),
          log: (line) => console.log(line),
        }),
      );
      console.log(`  activities generated in ${generated.seconds.toFixed(0)} s: ${JSON.stringify({ ...generated, seconds: undefined })}`);
      const vacuumStarted = performance.now();
      await database.query('vacuum analyze');
      console.log(`  vacuum analyze in ${((performance.now() - vacuumStarted) / 1000).toFixed(0)} s`);
    }
    samples = await pickSamples(database);
    engineVersion = await describeEngine(database);
  } finally {
    await database.close();
  }
  const generateSeconds = reuse ? 0 : (performance.now() - started) / 1000;
  const { manager, rep } = samples;
  console.log(`  ${reuse ? 'counted' : `generated in ${generateSeconds.toFixed(0)} s`}; the manager ${manager.username} (${manager.departmentName}) has ${manager.reps} reps (${manager.people} people) in the department tree`);
  for (const week of samples.weeks) console.log(`    week of ${week.from.slice(0, 10)}: ${week.activities.toLocaleString('en')} activities, ${week.tasks.toLocaleString('en')} tasks in the tree`);
  for (const quarter of samples.quarters) console.log(`    ${quarter.from} … ${quarter.to}: ${quarter.activities.toLocaleString('en')} activities in the tree`);
  console.log(`    the rep ${rep.username} logs visits on ${rep.customers.length} of their customers`);
  if (values['generate-only']) return;

  const workers = engine === 'postgres' ? os.cpus().length : 1;
  const server = await startServer(path.join(repositoryRoot, 'server'), serverDatabase, ADMIN_PASSWORD, path.join(repositoryRoot, `bench/.data/server-activities-${engine}.log`), workers);
  const scenarios: ActivityScenario[] = [];
  try {
    const tokens = { [manager.username]: await login(server.url, manager.username, USER_PASSWORD), [rep.username]: await login(server.url, rep.username, USER_PASSWORD) };
    const run = async (id: string, title: string, actor: string, base: Target, next: (index: number) => LoadRequest, describe?: (body: unknown) => string) => {
      if (only.length && !only.includes(id)) return;
      const target = targetFor(engine, base);
      const first = next(0);
      const call = typeof first === 'string' ? `GET ${first.split('?')[0]}` : `${first.method} ${first.url.split('?')[0]}`;
      // One request first: a route not written yet (or failing) is reported as missing instead of measured.
      const probe = await send(server.url, tokens[actor]!, first);
      if (!probe.ok) {
        const missing = `HTTP ${probe.status}: ${probe.text.slice(0, 160)}`;
        console.log(`  (${id}) ${title}: not answering, left out (${missing})`);
        scenarios.push({ id, title, actor, target, call, pass: false, missing });
        return;
      }
      const note = describe?.(probe.json);
      const busyBefore = await waitForQuietMachine((line) => console.log(line));
      console.log(`  (${id}) ${title}${note ? ` — ${note}` : ''}`);
      const single = await load(server.url, tokens[actor]!, (index) => [next(index)], 1, Math.max(5, Math.round(options.seconds / 2)));
      const loaded = await load(server.url, tokens[actor]!, (index) => [next(index)], options.connections, options.seconds);
      const judged = target.judged === 'loaded' ? loaded : single;
      const pass = judged.errors === 0 && judged[target.metric] <= target.limit;
      scenarios.push({ id, title, actor, target, call, single, loaded, pass, busyBefore, ...(note ? { note } : {}) });
      for (const [label, measured] of [['1 connection', single], [`${options.connections} connections`, loaded]] as const) {
        console.log(`      ${label}: p50 ${measured.p50.toFixed(1)} ms, p95 ${measured.p95.toFixed(1)} ms, p99 ${measured.p99.toFixed(1)} ms, ${Math.round(measured.perSecond)} req/s, ${measured.errors} errors${measured.firstError ? ` (${measured.firstError})` : ''}`);
      }
    };

    await run('s', `a manager's team calendar, one week (${samples.weeks.length} recent weeks in turn)`, manager.username, { metric: 'p99', limit: 100, judged: 'single' }, (index) => {
      const week = samples.weeks[index % samples.weeks.length]!;
      return `/api/v1/calendar?${new URLSearchParams({ view: 'team', from: week.from, to: week.to }).toString()}`;
    }, (body) => {
      const calendar = body as { entries?: unknown[]; truncated?: boolean };
      return `${calendar.entries?.length ?? '?'} entries in the first week's answer${calendar.truncated ? ' (truncated at the cap)' : ''}`;
    });
    await run('t', `team visibility of the region over a quarter (${samples.quarters.length} quarters in turn)`, manager.username, { metric: 'p99', limit: 300, judged: 'single' }, (index) => {
      const quarter = samples.quarters[index % samples.quarters.length]!;
      return `/api/v1/team-activity?${new URLSearchParams({ from: quarter.from, to: quarter.to, departmentId: manager.departmentId }).toString()}`;
    }, (body) => `${(body as { rows?: unknown[] }).rows?.length ?? '?'} people in the answer`);
    await run('u', `a rep logs a done visit (${rep.customers.length} of their customers in turn)`, rep.username, { metric: 'p99', limit: 50, judged: 'loaded' }, (index) => ({
      method: 'POST',
      url: '/api/v1/activities',
      body: {
        type: 'visit',
        status: 'done',
        subject: '拜访客户：沟通设备更新计划',
        startsAt: new Date().toISOString(),
        organizationId: rep.customers[index % rep.customers.length]!,
        content: visitContent,
        outcome: visitOutcome,
      },
    }));
  } finally {
    await server.stop();
  }

  const result: ActivitiesResult = {
    engine,
    engineVersion,
    date: new Date().toISOString(),
    machine: describeMachine(),
    data: { ...generated, ...samples.counts, generateSeconds, manager, weeks: samples.weeks, quarters: samples.quarters, rep: { username: rep.username, customers: rep.customers.length } },
    options: { ...options, workers },
    scenarios,
  };
  saveResult('activities', engine, result, only);
  writeActivitiesDocument();
  console.table(result.scenarios.map((scenario) => ({ scenario: `(${scenario.id}) ${scenario.title}`, target: `${scenario.target.metric} ≤ ${scenario.target.limit} ms (${scenario.target.judged})`, result: verdict(scenario) })));
}

const verdict = (scenario: ActivityScenario) => (scenario.missing ? 'missing' : scenario.pass ? 'pass' : 'FAIL');

async function send(baseUrl: string, token: string, request: LoadRequest): Promise<{ ok: boolean; status: number; text: string; json: unknown }> {
  const { method, url, body } = typeof request === 'string' ? { method: 'GET', url: request, body: undefined } : request;
  const init: RequestInit = { method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) } };
  if (body !== undefined) init.body = JSON.stringify(body);
  const response = await fetch(`${baseUrl}${url}`, init);
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON (an HTML error page, say): the text says enough.
  }
  return { ok: response.ok, status: response.status, text, json };
}

// ---------------------------------------------------------------------------------------------------

/** What a previous run generated, counted again (--reuse); `seconds` is unknown then (0). */
async function countActivities(database: Database): Promise<GeneratedActivities> {
  const counted = async (statement: string) => Number((await database.query<{ count: string }>(statement))[0]!.count);
  const tally = async (statement: string) => Object.fromEntries((await database.query<{ key: string; count: string }>(statement)).map((row) => [row.key, Number(row.count)]));
  return {
    activities: await counted('select count(*) as count from activities'),
    byType: await tally('select type as key, count(*) as count from activities group by 1 order by 2 desc'),
    byStatus: await tally('select status as key, count(*) as count from activities group by 1 order by 1'),
    deleted: await counted('select count(*) as count from activities where deleted_at is not null'),
    checkins: await counted('select count(*) as count from activities where checkin_at is not null'),
    withProject: await counted('select count(*) as count from activities where project_id is not null'),
    activityContacts: await counted('select count(*) as count from activity_contacts'),
    tasks: await counted('select count(*) as count from tasks'),
    tasksByStatus: await tally('select status as key, count(*) as count from tasks group by 1 order by 1'),
    organizationsTouched: await counted('select count(*) as count from organizations where last_activity_at is not null'),
    seconds: 0,
  };
}

type Samples = {
  manager: { username: string; departmentId: string; departmentName: string; reps: number; people: number };
  /** Monday 00:00 to the next Monday, local time with its offset; the entries in the department tree. */
  weeks: { from: string; to: string; activities: number; tasks: number }[];
  /** Calendar quarters, both ends included (dates); the activities in the department tree. */
  quarters: { from: string; to: string; activities: number }[];
  rep: { username: string; customers: string[] };
  counts: { organizations: number; contacts: number; projects: number; history: number; users: number };
};

/** A local date (YYYY-MM-DD) of the company's time zone, `days` after the one `at` falls on. */
const localDate = (at: number, days = 0) => new Date(at + Number.parseInt(BENCH_UTC_OFFSET, 10) * 3_600_000 + days * DAY_MS).toISOString().slice(0, 10);

async function pickSamples(database: Database): Promise<Samples> {
  // The regional manager (reporting to the director) whose department tree holds the most reps.
  const [manager] = await database.query<{ username: string; department_id: string; name: string; path: string; reps: number; people: number }>(`
    select u.username, u.department_id, d.name, d.path,
           (select count(*)::int from users m join departments md on md.id = m.department_id join user_roles mr on mr.user_id = m.id join roles r2 on r2.id = mr.role_id
             where r2.code = 'sales_rep' and md.path like d.path || '%') as reps,
           (select count(*)::int from users m join departments md on md.id = m.department_id where md.path like d.path || '%') as people
      from users u join departments d on d.id = u.department_id join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id
     where r.code = 'sales_manager'
       and u.manager_id = (select u2.id from users u2 join user_roles ur2 on ur2.user_id = u2.id join roles r3 on r3.id = ur2.role_id where r3.code = 'sales_director' limit 1)
     order by 5 desc, 1 limit 1`);
  if (!manager) throw new Error('No regional manager: was the organisation chart generated?');
  const tree = `select m.id from users m join departments md on md.id = m.department_id where md.path like $1 || '%'`;

  // The four complete weeks before this one (the current week would also hold the visits the run itself logs).
  const now = Date.now();
  const today = localDate(now);
  const isoDay = ((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  const monday = Date.parse(`${today}T00:00:00Z`) - (isoDay - 1) * DAY_MS;
  const weeks: Samples['weeks'] = [];
  for (let back = 1; back <= 4; back += 1) {
    const from = `${new Date(monday - back * 7 * DAY_MS).toISOString().slice(0, 10)}T00:00:00${BENCH_UTC_OFFSET}`;
    const to = `${new Date(monday - (back - 1) * 7 * DAY_MS).toISOString().slice(0, 10)}T00:00:00${BENCH_UTC_OFFSET}`;
    const [counts] = await database.query<{ activities: number; tasks: number }>(
      `select (select count(*)::int from activities where owner_id in (${tree}) and deleted_at is null and status <> 'cancelled' and starts_at >= $2 and starts_at < $3) as activities,
              (select count(*)::int from tasks where assignee_id in (${tree}) and deleted_at is null and status in ('open', 'done') and due_at >= $2 and due_at < $3) as tasks`,
      [manager.path, from, to],
    );
    weeks.push({ from, to, activities: counts!.activities, tasks: counts!.tasks });
  }

  // The four complete calendar quarters before this one.
  const [year, month] = today.split('-').map(Number) as [number, number];
  const quarters: Samples['quarters'] = [];
  for (let back = 1; back <= 4; back += 1) {
    const index = year * 4 + Math.floor((month - 1) / 3) - back;
    const start = new Date(Date.UTC(Math.floor(index / 4), (index % 4) * 3, 1));
    const end = new Date(Date.UTC(Math.floor(index / 4), (index % 4) * 3 + 3, 0));
    const from = start.toISOString().slice(0, 10);
    const to = end.toISOString().slice(0, 10);
    const [counts] = await database.query<{ activities: number }>(
      `select count(*)::int as activities from activities
        where owner_id in (${tree}) and deleted_at is null and starts_at >= ($2::date)::timestamp at time zone '${BENCH_TIME_ZONE}'
          and starts_at < ($3::date + 1)::timestamp at time zone '${BENCH_TIME_ZONE}'`,
      [manager.path, from, to],
    );
    quarters.push({ from, to, activities: counts!.activities });
  }

  // The rep of the region with the median number of customers, and up to 200 of them to log visits on.
  const reps = await database.query<{ id: string; username: string; owned: number }>(
    `select u.id, u.username, (select count(*)::int from organizations o where o.owner_id = u.id and o.deleted_at is null and o.type <> 'competitor') as owned
       from users u join departments d on d.id = u.department_id join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id
      where r.code = 'sales_rep' and d.path like $1 || '%' order by 3, 2`,
    [manager.path],
  );
  const rep = reps[Math.floor(reps.length / 2)];
  if (!rep) throw new Error(`No reps under ${manager.username}`);
  const customers = await database.query<{ id: string }>(
    `select id from organizations where owner_id = $1 and deleted_at is null and type <> 'competitor' order by number limit 200`,
    [rep.id],
  );
  if (customers.length === 0) throw new Error(`The rep ${rep.username} owns no customers: generate more organisations`);

  const counted = async (table: string) => Number((await database.query<{ count: string }>(`select count(*) as count from ${table}`))[0]!.count);
  return {
    manager: { username: manager.username, departmentId: manager.department_id, departmentName: manager.name, reps: manager.reps, people: manager.people },
    weeks,
    quarters,
    rep: { username: rep.username, customers: customers.map((row) => row.id) },
    counts: {
      organizations: await counted('organizations'),
      contacts: await counted('contacts'),
      projects: await counted('projects'),
      history: await counted('project_stage_history'),
      users: await counted('users'),
    },
  };
}

// ---------------------------------------------------------------------------------------------------

const startMarker = '<!-- bench:activities:start -->';
const endMarker = '<!-- bench:activities:end -->';

function writeActivitiesDocument() {
  const documentPath = path.join(repositoryRoot, 'docs/benchmarks.md');
  const sections = loadResults<ActivitiesResult>('activities')
    .map((result) => {
      const name = result.engine === 'postgres' ? 'PostgreSQL' : 'PGlite';
      const n = (value: number) => value.toLocaleString('en');
      const percentiles = (measured: Percentiles | undefined) =>
        measured ? `p50 ${ms(measured.p50)}, p95 ${ms(measured.p95)}, p99 ${ms(measured.p99)}; ${Math.round(measured.perSecond)} req/s${measured.errors ? `, ${measured.errors} errors` : ''}` : '–';
      const rows = result.scenarios.map((scenario) => {
        const target = `${scenario.target.metric} ≤ ${Math.round(scenario.target.limit)} ms ${scenario.target.judged === 'loaded' ? `at ${result.options.connections} connections` : 'one at a time'}`;
        const busy = scenario.busyBefore === undefined ? '–' : `${Math.round(scenario.busyBefore * 100)} %`;
        const title = `(${scenario.id}) ${scenario.title}${scenario.note ? ` — ${scenario.note}` : ''}`;
        if (scenario.missing) return `| ${title} | ${scenario.actor} | ${target} | \`${scenario.call}\` not answering (${scenario.missing.replace(/\|/g, '\\|').replace(/\s+/g, ' ')}) | – | – | **missing** |`;
        return `| ${title} | ${scenario.actor} | ${target} | ${percentiles(scenario.single)} | ${percentiles(scenario.loaded)} | ${busy} | ${scenario.pass ? 'pass' : '**fail**'} |`;
      });
      const { data } = result;
      const list = (record: Record<string, number>) => Object.entries(record).map(([key, value]) => `${n(value)} ${key}`).join(', ');
      const weeks = data.weeks.map((week) => `${n(week.activities)} + ${n(week.tasks)}`).join(', ');
      const quarters = data.quarters.map((quarter) => `${quarter.from.slice(0, 4)} Q${Math.floor(Number(quarter.from.slice(5, 7)) / 3) + 1}: ${n(quarter.activities)}`).join(', ');
      return [
        `### Activities — ${name} (${result.engineVersion})`,
        '',
        `Run ${result.date.slice(0, 16).replace('T', ' ')} UTC on ${result.machine.cpus} cores (${result.machine.cpuModel}), ${result.machine.memoryGb} GB RAM, Node ${result.machine.node}. ` +
          `Data: ${n(data.activities)} activities (${list(data.byType)}; ${list(data.byStatus)}; ${n(data.deleted)} deleted, ${n(data.checkins)} with a check-in, ${n(data.withProject)} on a project), ` +
          `${n(data.activityContacts)} contacts named on them, ${n(data.tasks)} tasks (${list(data.tasksByStatus)}); ${n(data.organizations)} organisations (${n(data.organizationsTouched)} with a last activity), ` +
          `${n(data.contacts)} contacts, ${n(data.projects)} projects with ${n(data.history)} stage-history rows, ${n(data.users)} users; ` +
          (data.seconds
            ? `activities generated in ${data.seconds.toFixed(0)} s (${data.generateSeconds.toFixed(0)} s in all). `
            : 'the data of an earlier run of the same generator, brought up to the current migrations (`--reuse`). ') +
          `The manager ${data.manager.username} heads ${data.manager.departmentName}: ${n(data.manager.reps)} reps, ${n(data.manager.people)} people in the department tree. ` +
          `Activities + tasks in the tree in the four weeks of (s), latest first: ${weeks}; activities in the quarters of (t): ${quarters}. ` +
          `(u): the rep ${data.rep.username}, the region's median by customers, on ${n(data.rep.customers)} of them. ` +
          `Server: ${result.options.workers} process${result.options.workers > 1 ? 'es (WORKERS)' : ''}. Each scenario: one request at a time for ${Math.max(5, Math.round(result.options.seconds / 2))} s, then ${result.options.connections} concurrent loops for ${result.options.seconds} s; 3 s warm-up before each.`,
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
  const next = start >= 0 && end > start ? current.slice(0, start) + generated + current.slice(end + endMarker.length) : `${current.trimEnd()}\n\n## Activities (issue 6)\n\n${generated}\n`;
  fs.writeFileSync(documentPath, next);
}

const ms = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

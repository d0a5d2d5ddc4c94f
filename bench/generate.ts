// Writes a realistic sales organisation (departments, 500 users, roles), N organisations and their deletion
// approvals (generate-approvals.ts) straight into an empty OpenPSM database with set-based SQL, in one
// transaction. Usable alone:
//   DATA_DIR=./bench/.data/x node --import tsx bench/generate.ts --orgs 100000 [--approvals 10000]   (or DATABASE_URL=postgres://…)
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import type { BuiltinRoleCode, OrganizationType, Position } from '@openpsm/contracts';
import { loadConfig } from '../server/src/config';
import type { Database, Tx } from '../server/src/db/client';
import { openDatabase, runMigrations } from '../server/src/db/open';
import { nameSearchKeys } from '../server/src/modules/organizations/organizations.service';
import { hashPassword } from '../server/src/platform/auth/passwords';
import { ensureAdmin, ensureBaseline } from '../server/src/seed/bootstrap';
import { approverLoads, insertApprovals, type GeneratedApprovals } from './generate-approvals';
import {
  coreWords,
  creditRatingWeights,
  districts,
  givenNameCharacters,
  gradeWeights,
  industryWeights,
  industryWords,
  legalForms,
  nationalPlaces,
  regions,
  scaleWeights,
  sourceWeights,
  streets,
  surnames,
  tagChoices,
  teamNames,
  typeWeights,
  type Branch,
} from './vocabulary';

export type GenerateOptions = {
  organizations: number;
  users: number;
  /** Organisation-deletion approvals (generate-approvals.ts); 0 leaves the organisations as earlier runs had them. */
  approvals?: number;
  /** Every generated user signs in with it. */
  password: string;
  seed?: number;
  /** VACUUM ANALYZE afterwards, as autovacuum would on a server that has been running a while. */
  analyze?: boolean;
  log?: (line: string) => void;
};

export type GeneratedUser = {
  id: string;
  username: string;
  displayName: string;
  role: BuiltinRoleCode;
  position: Position;
  departmentId: string;
  departmentName: string;
  departmentPath: string;
  regionCode: string | null;
  managerId: string | null;
  /** Live (not deleted) organisations this user owns. */
  ownedOrganizations: number;
  /** Approvals waiting for this user's decision, and approvals this user decided. */
  pendingApprovals: number;
  doneApprovals: number;
};

export type GeneratedData = {
  departments: number;
  users: GeneratedUser[];
  organizations: number;
  deletedOrganizations: number;
  unownedOrganizations: number;
  shares: number;
  organizationsByType: Record<string, number>;
  approvals: GeneratedApprovals;
  seconds: { total: number; organizations: number; approvals: number; indexes: number; analyze: number };
};

const BATCH = 5_000;
const DAY = 86_400_000;

/** The start-up work of server/src/main.ts on an empty database: migrations, baseline, the admin. */
export async function prepareDatabase(database: Database, adminPassword: string): Promise<void> {
  await runMigrations(database);
  await database.db.transaction(async (tx) => {
    await ensureBaseline(tx);
    await ensureAdmin(tx, adminPassword);
  });
}

export async function generateData(database: Database, options: GenerateOptions): Promise<GeneratedData> {
  const log = options.log ?? (() => undefined);
  const random = seededRandom(options.seed ?? 20240601);
  const started = performance.now();
  const [existing] = await database.query<{ organizations: number; users: number }>(
    'select (select count(*) from organizations)::int as organizations, (select count(*) from users)::int as users',
  );
  if (existing!.organizations > 0 || existing!.users > 1) throw new Error('generateData needs an empty database (only the admin)');

  const passwordHash = await hashPassword(options.password);
  const result = await database.db.transaction(async (tx) => {
    const chart = await insertOrganisationChart(tx, random, options.users, passwordHash);
    log(`  ${chart.departments} departments, ${chart.users.length} users`);

    // Loading into an unindexed table and indexing once is several times faster than maintaining four
    // trigram indexes row by row; the definitions are read back from the catalogue, so nothing changes.
    const indexes = await rows<{ indexname: string; indexdef: string }>(
      tx,
      sql`select indexname, indexdef from pg_indexes where schemaname = 'public' and tablename = 'organizations' and indexname <> 'organizations_pkey'`,
    );
    for (const index of indexes) await tx.execute(sql.raw(`drop index "${index.indexname}"`));

    const organizationsStarted = performance.now();
    const organizations = await insertOrganizations(tx, random, chart.users, options.organizations, log);
    const shares = await insertShares(tx, random, chart, organizations.liveIds);
    const organizationSeconds = (performance.now() - organizationsStarted) / 1000;

    // Before the organisation indexes come back: an approved deletion soft-deletes its organisation.
    const approvalsStarted = performance.now();
    const approvals = await insertApprovals(tx, options.approvals ?? 10_000);
    const approvalSeconds = (performance.now() - approvalsStarted) / 1000;
    if (approvals.instances > 0) {
      const statuses = Object.entries(approvals.byStatus).map(([status, count]) => `${count.toLocaleString('en')} ${status}`).join(', ');
      log(`  ${approvals.instances.toLocaleString('en')} approvals (${statuses}), ${approvals.tasks.toLocaleString('en')} tasks, ${approvals.events.toLocaleString('en')} events in ${approvalSeconds.toFixed(1)} s`);
    }

    const indexesStarted = performance.now();
    for (const index of indexes) await tx.execute(sql.raw(index.indexdef));
    const indexSeconds = (performance.now() - indexesStarted) / 1000;
    log(`  ${indexes.length} organisation indexes rebuilt in ${indexSeconds.toFixed(1)} s`);
    return { chart, organizations, shares, approvals, organizationSeconds, approvalSeconds, indexSeconds };
  });

  const analyzeStarted = performance.now();
  if (options.analyze ?? true) await database.query('vacuum analyze');
  const analyzeSeconds = (performance.now() - analyzeStarted) / 1000;

  // Read back: approved deletions removed some organisations from their owners' lists.
  const owned = new Map<string | null, number>();
  for (const row of await database.query<{ owner_id: string | null; count: number }>(
    'select owner_id, count(*)::int as count from organizations where deleted_at is null group by owner_id',
  )) {
    owned.set(row.owner_id, row.count);
  }
  const loads = new Map((await approverLoads(database)).map((load) => [load.userId, load]));
  const live = [...owned.values()].reduce((total, count) => total + count, 0);
  return {
    departments: result.chart.departments,
    users: result.chart.users.map((user) => ({
      ...user,
      ownedOrganizations: owned.get(user.id) ?? 0,
      pendingApprovals: loads.get(user.id)?.pending ?? 0,
      doneApprovals: loads.get(user.id)?.done ?? 0,
    })),
    organizations: options.organizations,
    deletedOrganizations: options.organizations - live,
    unownedOrganizations: owned.get(null) ?? 0,
    shares: result.shares,
    organizationsByType: result.organizations.byType,
    approvals: result.approvals,
    seconds: {
      total: (performance.now() - started) / 1000,
      organizations: result.organizationSeconds,
      approvals: result.approvalSeconds,
      indexes: result.indexSeconds,
      analyze: analyzeSeconds,
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// The organisation chart: company → 7 regions → branches → teams; director → managers → supervisors → reps.

type ChartUser = Omit<GeneratedUser, 'ownedOrganizations' | 'pendingApprovals' | 'doneApprovals'> & { branch: Branch | null };
type Chart = { departments: number; users: ChartUser[]; branchDepartmentIds: string[] };

async function insertOrganisationChart(tx: Tx, random: Random, userCount: number, passwordHash: string): Promise<Chart> {
  const [root] = await rows<{ id: string; path: string }>(tx, sql`select id, path from departments where parent_id is null limit 1`);
  if (!root) throw new Error('No company department: run prepareDatabase first');
  await tx.execute(sql`update departments set name = '华工重装设备有限公司' where id = ${root.id}::uuid`);

  type DepartmentRow = { id: string; name: string; parent_id: string; path: string; sort: number };
  const departmentRows: DepartmentRow[] = [];
  const addDepartment = (name: string, parent: { id: string; path: string }, sort: number) => {
    const id = randomUuid(random);
    const row = { id, name, parent_id: parent.id, path: `${parent.path}${id}/`, sort };
    departmentRows.push(row);
    return row;
  };

  const roleIds = new Map(
    (await rows<{ id: string; code: string }>(tx, sql`select id, code from roles`)).map((role) => [role.code, role.id]),
  );
  const users: ChartUser[] = [];
  const usernames = new Set(['admin']);
  const addUser = (role: BuiltinRoleCode, position: Position, department: DepartmentRow | { id: string; name: string; path: string }, regionCode: string | null, branch: Branch | null, managerId: string | null) => {
    const displayName = personName(random);
    const base = nameSearchKeys(displayName).namePinyin;
    let username = base;
    for (let suffix = 2; usernames.has(username); suffix += 1) username = `${base}${suffix}`;
    usernames.add(username);
    const user: ChartUser = {
      id: randomUuid(random),
      username,
      displayName,
      role,
      position,
      departmentId: department.id,
      departmentName: department.name,
      departmentPath: department.path,
      regionCode,
      managerId,
      branch,
    };
    users.push(user);
    return user;
  };

  const director = addUser('sales_director', 'director', { id: root.id, name: '华工重装设备有限公司', path: root.path }, null, null, null);
  const teams: { department: DepartmentRow; supervisor: ChartUser; branch: Branch; regionCode: string }[] = [];
  const heads: [departmentId: string, userId: string][] = [[root.id, director.id]];
  const branchDepartmentIds: string[] = [];
  for (const [regionIndex, region] of regions.entries()) {
    const regionDepartment = addDepartment(region.name, root, regionIndex * 10);
    const regionalManager = addUser('sales_manager', 'manager', regionDepartment, region.code, null, director.id);
    heads.push([regionDepartment.id, regionalManager.id]);
    for (const [branchIndex, branch] of region.branches.entries()) {
      const branchDepartment = addDepartment(branch.name, regionDepartment, branchIndex * 10);
      branchDepartmentIds.push(branchDepartment.id);
      const branchManager = addUser('sales_manager', 'manager', branchDepartment, region.code, branch, regionalManager.id);
      heads.push([branchDepartment.id, branchManager.id]);
      // The two biggest branches of a region have three teams, the others two.
      const teamCount = branchIndex < 2 ? 3 : 2;
      for (let team = 0; team < teamCount; team += 1) {
        const teamDepartment = addDepartment(teamNames[team]!, branchDepartment, team * 10);
        const supervisor = addUser('supervisor', 'supervisor', teamDepartment, region.code, branch, branchManager.id);
        heads.push([teamDepartment.id, supervisor.id]);
        teams.push({ department: teamDepartment, supervisor, branch, regionCode: region.code });
      }
    }
  }
  const repCount = userCount - users.length;
  if (repCount < teams.length) throw new Error(`--users must be at least ${users.length + teams.length} for this organisation chart`);
  for (let index = 0; index < repCount; index += 1) {
    const team = teams[index % teams.length]!;
    addUser('sales_rep', 'rep', team.department, team.regionCode, team.branch, team.supervisor.id);
  }

  await tx.execute(sql`
    insert into departments (id, name, parent_id, path, sort)
    select id, name, parent_id, path, sort
      from json_to_recordset(${JSON.stringify(departmentRows)}::json) as r(id uuid, name text, parent_id uuid, path text, sort int)`);
  const userRows = users.map((user, index) => ({
    id: user.id,
    username: user.username,
    email: `${user.username}@huagong-bench.cn`,
    display_name: user.displayName,
    phone: `13${String(900000000 + index * 7919).slice(-9)}`,
    department_id: user.departmentId,
    position: user.position,
    manager_id: user.managerId,
  }));
  // Managers are inserted before their reports, so the manager_id foreign key holds row by row.
  await tx.execute(sql`
    insert into users (id, username, email, display_name, phone, department_id, position, manager_id, password_hash)
    select id, username, email, display_name, phone, department_id, position, manager_id, ${passwordHash}
      from json_to_recordset(${JSON.stringify(userRows)}::json)
           as r(id uuid, username text, email text, display_name text, phone text, department_id uuid, position text, manager_id uuid)`);
  const grants = users.map((user) => ({ user_id: user.id, role_id: roleIds.get(user.role)! }));
  await tx.execute(sql`
    insert into user_roles (user_id, role_id)
    select user_id, role_id from json_to_recordset(${JSON.stringify(grants)}::json) as r(user_id uuid, role_id uuid)`);
  await tx.execute(sql`
    update departments d set head_user_id = h.user_id
      from json_to_recordset(${JSON.stringify(heads.map(([department_id, user_id]) => ({ department_id, user_id })))}::json)
           as h(department_id uuid, user_id uuid)
     where d.id = h.department_id`);
  return { departments: departmentRows.length + 1, users, branchDepartmentIds };
}

function personName(random: Random): string {
  const given = random() < 0.35 ? pick(random, givenNameCharacters) : pick(random, givenNameCharacters) + pick(random, givenNameCharacters);
  return pick(random, surnames) + given;
}

// ---------------------------------------------------------------------------------------------------
// Organisations.

const typesForContractors = ['building', 'power', 'rail', 'petrochemical', 'water'];

async function insertOrganizations(tx: Tx, random: Random, users: ChartUser[], count: number, log: (line: string) => void) {
  // Reps own most customers, each a somewhat different number; supervisors and managers own some; a few
  // sit unowned in the public pool.
  const byRole = (role: BuiltinRoleCode) => users.filter((user) => user.role === role);
  const share = (members: ChartUser[], percent: number, spread: number[] = members.map(() => 1)) => {
    const sum = spread.reduce((total, value) => total + value, 0);
    return members.map((member, index): [ChartUser, number] => [member, (percent * spread[index]!) / sum]);
  };
  const reps = byRole('sales_rep');
  const pickOwner = weighted<ChartUser | null>([
    ...share(reps, 85, reps.map(() => 0.5 + random())),
    ...share(byRole('supervisor'), 8),
    ...share(byRole('sales_manager'), 4),
    [null, 3],
  ]);
  const allBranches = regions.flatMap((region) => region.branches.map((branch) => ({ branch, regionCode: region.code })));
  const pickType = weighted(typeWeights);
  const pickIndustry = weighted(industryWeights);
  const pickSource = weighted(sourceWeights);
  const pickGrade = weighted(gradeWeights);
  const pickScale = weighted(scaleWeights);
  const pickRating = weighted(creditRatingWeights);
  const names = new Set<string>();
  const liveIds: string[] = [];
  const byType: Record<string, number> = {};
  const now = Date.now();

  for (let start = 0; start < count; start += BATCH) {
    const batch = [];
    for (let index = start; index < Math.min(count, start + BATCH); index += 1) {
      const owner = pickOwner(random);
      const home = owner?.branch && random() < 0.9 ? { branch: owner.branch, regionCode: owner.regionCode! } : pick(random, allBranches);
      const type = pickType(random);
      const industry = type === 'general_contractor' && random() < 0.8 ? pick(random, typesForContractors) : pickIndustry(random);
      const place = random() < 0.04 ? pick(random, nationalPlaces) : pick(random, home.branch.places);
      const core = pick(random, coreWords);
      const industryWord = pick(random, industryWords[industry]!);
      const name = uniqueName(names, random, organizationName(random, type, place, core, industryWord), home.branch);
      const keys = nameSearchKeys(name);
      const updatedAt = now - Math.floor(random() ** 1.5 * 730 * DAY) - Math.floor(random() * DAY);
      const createdAt = updatedAt - Math.floor(random() * 365 * DAY);
      const deleted = random() < 0.01;
      const id = randomUuid(random);
      byType[type] = (byType[type] ?? 0) + 1;
      if (!deleted) liveIds.push(id);
      batch.push({
        id,
        number: `BENCH-${String(index + 1).padStart(6, '0')}`,
        name,
        short_name: random() < 0.7 ? (industryWord.length === 2 ? `${core}${industryWord}` : core) : null,
        name_pinyin: keys.namePinyin,
        name_initials: keys.nameInitials,
        type,
        credit_code: type === 'terminal' && random() < 0.5 ? null : random() < 0.85 ? creditCode(random) : null,
        industry,
        region: home.regionCode,
        address: random() < 0.8 ? `${home.branch.places[0]}市${pick(random, districts)}${pick(random, streets)}${1 + Math.floor(random() * 999)}号` : null,
        phone: random() < 0.75 ? phoneNumber(random, home.branch.phonePrefix) : null,
        website: random() < 0.15 ? `www.${keys.nameInitials.slice(0, 8)}.com.cn` : null,
        scale: pickScale(random),
        source: pickSource(random),
        grade: pickGrade(random),
        credit_rating: type === 'competitor' ? null : pickRating(random),
        tags: random() < 0.25 ? [...new Set([pick(random, tagChoices), ...(random() < 0.3 ? [pick(random, tagChoices)] : [])])] : [],
        notes: random() < 0.1 ? '年度框架采购，关注交期与售后响应。' : null,
        owner_id: owner?.id ?? null,
        created_by: owner?.id ?? null,
        version: 1 + Math.floor(random() ** 2 * 6),
        created_at: new Date(createdAt).toISOString(),
        updated_at: new Date(updatedAt).toISOString(),
        deleted_at: deleted ? new Date(updatedAt).toISOString() : null,
      });
    }
    await tx.execute(sql`
      insert into organizations (id, number, name, short_name, name_pinyin, name_initials, type, credit_code, industry, region,
                                 address, phone, website, scale, source, grade, credit_rating, tags, notes, owner_id,
                                 created_by, version, created_at, updated_at, deleted_at)
      select id, number, name, short_name, name_pinyin, name_initials, type, credit_code, industry, region,
             address, phone, website, scale, source, grade, credit_rating, tags, notes, owner_id,
             created_by, version, created_at, updated_at, deleted_at
        from json_to_recordset(${JSON.stringify(batch)}::json)
             as r(id uuid, number text, name text, short_name text, name_pinyin text, name_initials text, type text,
                  credit_code text, industry text, region text, address text, phone text, website text, scale text,
                  source text, grade text, credit_rating text, tags jsonb, notes text, owner_id uuid, created_by uuid,
                  version int, created_at timestamptz, updated_at timestamptz, deleted_at timestamptz)`);
    if ((start / BATCH) % 5 === 4 || start + BATCH >= count) log(`  ${Math.min(count, start + BATCH).toLocaleString('en')} organisations`);
  }
  return { liveIds, byType };
}

function organizationName(random: Random, type: OrganizationType, place: string, core: string, industryWord: string): string {
  const form = pick(random, legalForms[type]);
  let name: string;
  if (type === 'design_institute' && random() < 0.4) name = `${place}${industryWord}${form}`;
  else if (type === 'terminal' && industryWord === '医药' && random() < 0.5) name = `${place}第${pick(random, ['一', '二', '三', '四', '五', '六'])}人民医院`;
  else name = `${place}${core}${industryWord}${form}`;
  // "建设工程工程有限公司" reads wrong: collapse a word said twice in a row.
  return name.replace(/(工程|建设|设备|制造)\1/g, '$1');
}

function uniqueName(names: Set<string>, random: Random, candidate: string, branch: Branch): string {
  let name = candidate;
  // Big groups have a branch office per city: "…有限公司南京分公司".
  if (names.has(name)) name = `${candidate}${pick(random, branch.places).replace(/市$/, '')}分公司`;
  for (let counter = 2; names.has(name); counter += 1) name = `${candidate}第${counter}分公司`;
  names.add(name);
  return name;
}

async function insertShares(tx: Tx, random: Random, chart: Chart, liveIds: string[]): Promise<number> {
  // About 1 % of organisations are shared with a colleague, 0.2 % with a branch.
  const shares: { record_id: string; user_id: string | null; department_id: string | null; access: string }[] = [];
  const shared = new Set<string>();
  const reps = chart.users.filter((user) => user.role === 'sales_rep' || user.role === 'supervisor');
  for (let index = 0; index < liveIds.length * 0.012; index += 1) {
    const recordId = pick(random, liveIds);
    if (shared.has(recordId)) continue;
    shared.add(recordId);
    const toDepartment = random() < 1 / 6;
    shares.push({
      record_id: recordId,
      user_id: toDepartment ? null : pick(random, reps).id,
      department_id: toDepartment ? pick(random, chart.branchDepartmentIds) : null,
      access: random() < 0.3 ? 'edit' : 'read',
    });
  }
  const director = chart.users.find((user) => user.role === 'sales_director')!;
  await tx.execute(sql`
    insert into record_shares (record_type, record_id, user_id, department_id, access, created_by)
    select 'organization', record_id, user_id, department_id, access, ${director.id}::uuid
      from json_to_recordset(${JSON.stringify(shares)}::json) as r(record_id uuid, user_id uuid, department_id uuid, access text)`);
  return shares.length;
}

/** A unified social credit code (统一社会信用代码) with the GB 32100-2015 check character. */
function creditCode(random: Random): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let body = `91${String(110000 + Math.floor(random() * 540000))}`;
  while (body.length < 17) body += alphabet[Math.floor(random() * alphabet.length)];
  const sum = [...body].reduce((total, char, index) => total + alphabet.indexOf(char) * weights[index]!, 0);
  return body + alphabet[(31 - (sum % 31)) % 31];
}

function phoneNumber(random: Random, prefix: string): string {
  const digits = prefix.length === 3 ? 8 : 7;
  return `${prefix}-${String(Math.floor(2 * 10 ** (digits - 1) + random() * 7 * 10 ** (digits - 1)))}`;
}

// ---------------------------------------------------------------------------------------------------
// A seeded random source, so two runs generate the same data set.

type Random = () => number;

/** mulberry32. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: Random, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)]!;
}

function weighted<T>(entries: readonly (readonly [T, number])[]): (random: Random) => T {
  const cumulative: number[] = [];
  let total = 0;
  for (const [, weight] of entries) cumulative.push((total += weight));
  return (random) => {
    const target = random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! > target) high = middle;
      else low = middle + 1;
    }
    return entries[low]![0];
  };
}

function randomUuid(random: Random): string {
  const bytes = Array.from({ length: 16 }, () => Math.floor(random() * 256));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

async function rows<Row>(tx: Tx, query: ReturnType<typeof sql>): Promise<Row[]> {
  const result = (await tx.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}

// ---------------------------------------------------------------------------------------------------
// Standalone: generate into the database the server's own configuration points at (DATA_DIR / DATABASE_URL).

async function main() {
  const { values } = parseArgs({
    options: {
      orgs: { type: 'string', default: '100000' },
      users: { type: 'string', default: '500' },
      approvals: { type: 'string', default: '10000' },
      password: { type: 'string', default: 'bench-password' },
    },
  });
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    await prepareDatabase(database, config.adminPassword ?? values.password);
    const data = await generateData(database, {
      organizations: Number(values.orgs),
      users: Number(values.users),
      approvals: Number(values.approvals),
      password: values.password,
      log: (line) => console.log(line),
    });
    const { users, ...summary } = data;
    console.log(JSON.stringify({ ...summary, users: users.length }, null, 2));
  } finally {
    await database.close();
  }
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

// The load scenarios, and for each the SQL the organisation list sends (listOrganizations in
// server/src/modules/organizations/organizations.service.ts with the scope of platform/access/record-scope.ts),
// written out by hand so the API can be compared with the database alone.
import type { DataScope } from '@openpsm/contracts';

export type BenchActor = {
  username: string;
  userId: string;
  departmentId: string;
  departmentPath: string;
  scope: DataScope;
};

export type Scenario = {
  id: string;
  title: string;
  actor: 'rep' | 'manager';
  query: Record<string, string>;
  /** Raw SQL is measured for these (the brief asks for a and b; c and d come along cheaply). */
  raw: boolean;
};

export type SearchTerms = { chinese: string; initials: string };

export function buildScenarios(terms: SearchTerms): Scenario[] {
  return [
    { id: 'a', title: 'rep: type filter, newest first', actor: 'rep', query: { type: 'owner', sort: '-updatedAt', pageSize: '50' }, raw: true },
    { id: 'b', title: 'manager: type filter, newest first', actor: 'manager', query: { type: 'owner', sort: '-updatedAt', pageSize: '50' }, raw: true },
    { id: 'c', title: `manager: q=${terms.chinese}, by name`, actor: 'manager', query: { q: terms.chinese, sort: 'name', pageSize: '50' }, raw: true },
    { id: 'd', title: `rep: q=${terms.initials} (pinyin initials)`, actor: 'rep', query: { q: terms.initials, pageSize: '50' }, raw: true },
  ];
}

export function scenarioPath(scenario: Scenario): string {
  return `/api/v1/organizations?${new URLSearchParams(scenario.query).toString()}`;
}

export type SqlQuery = { text: string; params: unknown[] };

/** The list and count statements the service runs (in parallel) for this actor and query. */
export function listStatements(actor: BenchActor, query: Record<string, string>): { list: SqlQuery; count: SqlQuery } {
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const conditions = ['o.deleted_at is null', scopeSql(actor, param)];
  if (query.q) {
    const text = query.q.trim();
    const pattern = `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    const lower = text.toLowerCase();
    const matches = [`o.name ilike ${param(pattern)}`, `o.short_name ilike ${param(pattern)}`, `o.credit_code = ${param(text.toUpperCase())}`];
    if (/^[a-z]+$/.test(lower)) matches.push(`o.name_pinyin ilike ${param(`%${lower}%`)}`, `o.name_initials ilike ${param(`%${lower}%`)}`);
    if (/^[0-9+\-() ]{5,}$/.test(text)) matches.push(`o.phone ilike ${param(pattern)}`);
    conditions.push(`(${matches.join(' or ')})`);
  }
  if (query.type) conditions.push(`o.type = ${param(query.type)}`);
  const where = conditions.join(' and ');
  const sort = query.sort ?? '-updatedAt';
  const column = { name: 'name', createdAt: 'created_at', updatedAt: 'updated_at', number: 'number', type: 'type', grade: 'grade' }[sort.replace(/^-/, '')] ?? 'updated_at';
  const direction = sort.startsWith('-') ? 'desc' : 'asc';
  const pageSize = Number(query.pageSize ?? 50);
  const countParams = [...params];
  const list = `select o.*, u.display_name as owner_name from organizations o left join users u on u.id = o.owner_id
    where ${where} order by o.${column} ${direction}, o.id asc limit ${param(pageSize)} offset ${param(0)}`;
  return { list: { text: list, params }, count: { text: `select count(*)::int as total from organizations o where ${where}`, params: countParams } };
}

function scopeSql(actor: BenchActor, param: (value: unknown) => string): string {
  const me = `${param(actor.userId)}::uuid`;
  let owners: string | null;
  switch (actor.scope) {
    case 'all':
      return 'true';
    case 'own':
      owners = `select ${me}`;
      break;
    case 'own_subordinates':
      owners = `with recursive reports(id) as (select ${me} union select u.id from users u join reports r on u.manager_id = r.id) select id from reports`;
      break;
    case 'department':
      owners = `select ${me} union select id from users where department_id = ${param(actor.departmentId)}::uuid`;
      break;
    case 'department_tree':
      owners = `select ${me} union select u.id from users u join departments d on d.id = u.department_id where d.path like ${param(`${actor.departmentPath}%`)}`;
      break;
  }
  const shared = `exists (select 1 from record_shares s where s.record_type = ${param('organization')} and s.record_id = o.id
    and (s.user_id = ${param(actor.userId)}::uuid or s.department_id = ${param(actor.departmentId)}::uuid))`;
  return `(o.owner_id in (${owners}) or ${shared})`;
}

// Resolves a session or API token into an Actor in one round trip: user, department path, roles, delegations.
// Background work that acts as a user (an import run) resolves the same Actor from the user id (actorForUser).
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { combineRoles, groupShares, type Actor, type RoleGrant } from '../access/actor';
import { cachedActor, currentGeneration, forgetToken, rememberActor } from './actor-cache';
import { hashToken } from './tokens';

type ActorRow = {
  user_id: string;
  username: string;
  display_name: string;
  locale: 'zh-CN' | 'en';
  department_id: string | null;
  department_path: string | null;
  must_change_password: boolean;
  roles: RoleGrant[] | string | null;
  delegator_ids: string[] | string | null;
  subordinate_ids: string[] | string | null;
  department_user_ids: string[] | string | null;
  department_tree_user_ids: string[] | string | null;
  shares: { record_type: string; record_id: string; access: string }[] | string | null;
};
type SessionRow = ActorRow & { session_id: string; last_seen_at: Date | string | null };

const parseJson = <T,>(value: T | string | null): T | null => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

/** What an Actor is made of, for the user `u` in department `d`: roles, delegations, the users each scope reaches, shares (and project teams). */
const actorColumns: SQL = sql`
           u.id as user_id, u.username, u.display_name, u.locale, u.department_id,
           d.path as department_path, u.must_change_password,
           coalesce((select json_agg(json_build_object('id', r.id, 'code', r.code, 'name', r.name,
                       'permissions', r.permissions, 'scopes', r.scopes, 'visibleProtectedFields', r.visible_protected_fields))
                     from user_roles ur join roles r on r.id = ur.role_id where ur.user_id = u.id), '[]'::json) as roles,
           coalesce((select json_agg(g.from_user_id) from delegations g
                     where g.to_user_id = u.id and g.scope = 'all' and g.revoked_at is null and g.starts_at <= now() and g.ends_at > now()), '[]'::json) as delegator_ids,
           (with recursive reports(id) as (select u.id union select m.id from users m join reports r on m.manager_id = r.id)
             select json_agg(id) from reports) as subordinate_ids,
           (select json_agg(m.id) from users m where m.id = u.id or m.department_id = u.department_id) as department_user_ids,
           (select json_agg(m.id) from users m left join departments md on md.id = m.department_id
             where m.id = u.id or md.path like d.path || '%') as department_tree_user_ids,
           (select json_agg(json_build_object('record_type', g.record_type, 'record_id', g.record_id, 'access', g.access))
              from (select rs.record_type, rs.record_id, rs.access from record_shares rs where rs.user_id = u.id or rs.department_id = u.department_id
                    -- A project's team members reach it as a share does (PRJ-6); adding or removing one calls authChanged.
                    union all
                    select 'project', pm.project_id, pm.access from project_members pm where pm.user_id = u.id) g) as shares`;

function toActor(row: ActorRow, session: { sessionId: string | null; ip: string | null }): Actor {
  const grants = parseJson(row.roles) ?? [];
  const combined = combineRoles(grants);
  return {
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    locale: row.locale,
    departmentId: row.department_id,
    departmentPath: row.department_path,
    roles: grants.map(({ id, code, name }) => ({ id, code, name })),
    permissions: combined.permissions,
    scopes: combined.scopes,
    visibleProtectedFields: combined.visibleProtectedFields,
    delegatorIds: parseJson(row.delegator_ids) ?? [],
    reach: {
      own_subordinates: parseJson(row.subordinate_ids) ?? [row.user_id],
      department: parseJson(row.department_user_ids) ?? [row.user_id],
      department_tree: parseJson(row.department_tree_user_ids) ?? [row.user_id],
    },
    shared: groupShares(parseJson(row.shares) ?? []),
    mustChangePassword: row.must_change_password,
    sessionId: session.sessionId,
    ip: session.ip,
  };
}

/**
 * Loads of an actor in flight, by generation and token: the concurrent requests of one user wait for one load instead
 * of each running the same statement (and the same session touch). A request after an auth change (a new generation)
 * never joins a load started before it.
 */
const loading = new Map<string, Promise<Actor | null>>();

export async function actorFromToken(db: DbOrTx, token: string, ip: string | null): Promise<Actor | null> {
  const tokenHash = hashToken(token);
  const cached = cachedActor(tokenHash);
  if (cached) {
    if (cached.refresh) void sharedLoad(db, tokenHash).catch(() => undefined); // the next request finds it fresh
    return { ...cached.actor, ip };
  }
  const actor = await sharedLoad(db, tokenHash);
  return actor ? { ...actor, ip } : null;
}

function sharedLoad(db: DbOrTx, tokenHash: string): Promise<Actor | null> {
  const key = `${currentGeneration()}:${tokenHash}`;
  let load = loading.get(key);
  if (!load) {
    load = loadActor(db, tokenHash).finally(() => loading.delete(key));
    loading.set(key, load);
  }
  return load;
}

async function loadActor(db: DbOrTx, tokenHash: string): Promise<Actor | null> {
  const generation = currentGeneration();
  const result = await db.execute<SessionRow>(sql`
    select s.id as session_id, s.last_seen_at, ${actorColumns}
      from sessions s
      join users u on u.id = s.user_id
      left join departments d on d.id = u.department_id
     where s.token_hash = ${tokenHash}
       and s.revoked_at is null
       and (s.expires_at is null or s.expires_at > now())
       and u.status = 'active'`);
  const row = result.rows[0];
  if (!row) {
    forgetToken(tokenHash);
    return null;
  }
  const lastSeen = row.last_seen_at ? new Date(row.last_seen_at).getTime() : 0;
  if (Date.now() - lastSeen > 60_000) {
    // Touch at most once a minute: a write per request would cost more than the request itself.
    await db.execute(sql`update sessions set last_seen_at = now() where id = ${row.session_id}`);
  }
  // The cached actor carries no request's address: each caller adds its own.
  const actor = toActor(row, { sessionId: row.session_id, ip: null });
  // An expired session is not cached past its end: the TTL is far shorter than any session.
  rememberActor(tokenHash, actor, generation);
  return actor;
}

/**
 * The actor for an active user with their roles, scopes and shares as they are now — for background work started by
 * them (an import run) — or null when the user is gone or deactivated.
 */
export async function actorForUser(db: DbOrTx, userId: string): Promise<Actor | null> {
  const result = await db.execute<ActorRow>(sql`
    select ${actorColumns}
      from users u
      left join departments d on d.id = u.department_id
     where u.id = ${userId} and u.status = 'active'`);
  const row = result.rows[0];
  return row ? { ...toActor(row, { sessionId: null, ip: null }), mustChangePassword: false } : null;
}

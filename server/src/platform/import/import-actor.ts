// Who a background import acts as: the user who started it, with their roles, scopes and shares as they are now
// (the same resolution as a signed-in request, from the user rather than a session token).
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { combineRoles, groupShares, type Actor, type RoleGrant } from '../access/actor';

type UserRow = {
  user_id: string;
  username: string;
  display_name: string;
  locale: 'zh-CN' | 'en';
  department_id: string | null;
  department_path: string | null;
  roles: RoleGrant[] | string | null;
  delegator_ids: string[] | string | null;
  subordinate_ids: string[] | string | null;
  department_user_ids: string[] | string | null;
  department_tree_user_ids: string[] | string | null;
  shares: { record_type: string; record_id: string; access: string }[] | string | null;
};

const parseJson = <T,>(value: T | string | null): T | null => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

/** The actor for an active user, or null when the user is gone or deactivated (an import then stops). */
export async function actorForUser(db: DbOrTx, userId: string): Promise<Actor | null> {
  const result = await db.execute<UserRow>(sql`
    select u.id as user_id, u.username, u.display_name, u.locale, u.department_id, d.path as department_path,
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
           (select json_agg(json_build_object('record_type', rs.record_type, 'record_id', rs.record_id, 'access', rs.access))
              from record_shares rs where rs.user_id = u.id or rs.department_id = u.department_id) as shares
      from users u
      left join departments d on d.id = u.department_id
     where u.id = ${userId} and u.status = 'active'`);
  const row = result.rows[0];
  if (!row) return null;
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
    mustChangePassword: false,
    sessionId: null,
    ip: null,
  };
}

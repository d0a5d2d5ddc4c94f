// Who is asking: the signed-in user with the permissions, scopes and delegations of all their roles.
import type { DataScope, Permission, ScopedRecordType } from '@openpsm/contracts';
import { dataScopes, scopedRecordTypes } from '@openpsm/contracts';

export type Actor = {
  userId: string;
  username: string;
  displayName: string;
  locale: 'zh-CN' | 'en';
  departmentId: string | null;
  departmentPath: string | null;
  roles: { id: string; code: string; name: string }[];
  permissions: ReadonlySet<Permission>;
  scopes: Readonly<Record<ScopedRecordType, DataScope>>;
  visibleProtectedFields: ReadonlySet<string>;
  /** Users who currently delegate all their work to this actor (PLAT-4); approvals-only delegations are read by the approval service. */
  delegatorIds: readonly string[];
  /**
   * The users each widening scope reaches, the actor included, resolved when the actor is loaded (and cached
   * with it; any change to users, departments or reporting lines drops the cache). List queries then filter by
   * a constant array the planner can estimate, instead of a sub-select it must guess the size of.
   */
  reach: Readonly<Record<ReachScope, readonly string[]>>;
  /**
   * Records shared with the actor or their department, by record type: `read` holds every shared id, `edit`
   * those shared for editing. Loaded with the actor like the reach (a share or its removal drops the cache),
   * so a scope filter is constants only — and for the many users without shares, no share arm at all.
   */
  shared: Readonly<Partial<Record<ScopedRecordType, SharedRecords>>>;
  mustChangePassword: boolean;
  sessionId: string | null;
  ip: string | null;
};

export type ReachScope = Exclude<DataScope, 'own' | 'all'>;
export type SharedRecords = { read: readonly string[]; edit: readonly string[] };

/** Groups share rows (record type, id, access) into the actor's `shared`; a record shared twice counts once. */
export function groupShares(rows: { record_type: string; record_id: string; access: string }[]): Actor['shared'] {
  const grouped = new Map<string, { read: Set<string>; edit: Set<string> }>();
  for (const row of rows) {
    const entry = grouped.get(row.record_type) ?? { read: new Set<string>(), edit: new Set<string>() };
    grouped.set(row.record_type, entry);
    entry.read.add(row.record_id);
    if (row.access === 'edit') entry.edit.add(row.record_id);
  }
  return Object.fromEntries([...grouped].map(([recordType, { read, edit }]) => [recordType, { read: [...read], edit: [...edit] }]));
}

export type RoleGrant = {
  id: string;
  code: string;
  name: string;
  permissions: string[];
  scopes: Record<string, string>;
  visibleProtectedFields: string[];
};

const scopeRank = (scope: DataScope) => dataScopes.indexOf(scope);

/** A user with several roles gets the union of permissions and the widest scope per record type. */
export function combineRoles(grants: RoleGrant[]) {
  const permissions = new Set<Permission>();
  const visibleProtectedFields = new Set<string>();
  const scopes = {} as Record<ScopedRecordType, DataScope>;
  for (const recordType of scopedRecordTypes) scopes[recordType] = 'own';
  for (const grant of grants) {
    for (const permission of grant.permissions) permissions.add(permission as Permission);
    for (const field of grant.visibleProtectedFields) visibleProtectedFields.add(field);
    for (const recordType of scopedRecordTypes) {
      const scope = grant.scopes[recordType] as DataScope | undefined;
      if (scope && scopeRank(scope) > scopeRank(scopes[recordType])) scopes[recordType] = scope;
    }
  }
  return { permissions, visibleProtectedFields, scopes };
}

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

/** An actor for scripts and start-up work (demo data, scheduled jobs) that acts as the system. */
export function systemActor(userId: string): Actor {
  return {
    userId,
    username: 'system',
    displayName: 'system',
    locale: 'zh-CN',
    departmentId: null,
    departmentPath: null,
    roles: [],
    permissions: new Set(),
    scopes: Object.fromEntries(scopedRecordTypes.map((type) => [type, 'all'])) as Record<ScopedRecordType, DataScope>,
    visibleProtectedFields: new Set(['*']),
    delegatorIds: [],
    reach: { own_subordinates: [userId], department: [userId], department_tree: [userId] },
    shared: {},
    mustChangePassword: false,
    sessionId: null,
    ip: null,
  };
}

// Users (PLAT-2): create, edit, deactivate — a departed user cannot sign in and keeps their records.
import { handOverPendingTasks } from '../approvals/approval-deadlines';
import { authChanged } from '../auth/actor-cache';
import { and, asc, count, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { User, userInputSchema, userListQuerySchema, userPatchSchema } from '@openpsm/contracts';
import type { AppConfig } from '../../config';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../access/actor';
import { roles, userRoles } from '../access/access.table';
import { writeAudit } from '../audit/audit-log.service';
import { diffFields, writeHistory } from '../audit/history.service';
import { issueResetLink } from '../auth/auth.service';
import { sessions } from '../auth/auth.table';
import { hashPassword } from '../auth/passwords';
import { companyDefaultLocale } from '../config/settings.service';
import { AppError, invalidField, notFound, staleVersion } from '../errors';
import { departments, users } from './org-structure.table';

type UserRow = typeof users.$inferSelect;

async function toUsers(db: DbOrTx, rows: UserRow[]): Promise<User[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const departmentIds = [...new Set(rows.map((row) => row.departmentId).filter((id): id is string => Boolean(id)))];
  const managerIds = [...new Set(rows.map((row) => row.managerId).filter((id): id is string => Boolean(id)))];
  const [roleRows, departmentRows, managerRows] = await Promise.all([
    db.select().from(userRoles).where(inArray(userRoles.userId, ids)),
    departmentIds.length ? db.select({ id: departments.id, name: departments.name }).from(departments).where(inArray(departments.id, departmentIds)) : [],
    managerIds.length ? db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, managerIds)) : [],
  ]);
  const departmentNames = new Map(departmentRows.map((row) => [row.id, row.name]));
  const managerNames = new Map(managerRows.map((row) => [row.id, row.name]));
  return rows.map((row) => ({
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    email: row.email,
    phone: row.phone,
    departmentId: row.departmentId,
    departmentName: row.departmentId ? (departmentNames.get(row.departmentId) ?? null) : null,
    position: row.position as User['position'],
    managerId: row.managerId,
    managerName: row.managerId ? (managerNames.get(row.managerId) ?? null) : null,
    status: row.status as User['status'],
    locale: row.locale as User['locale'],
    roleIds: roleRows.filter((link) => link.userId === row.id).map((link) => link.roleId),
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    version: row.version,
  }));
}

export async function listUsers(db: DbOrTx, query: z.infer<typeof userListQuerySchema>) {
  const conditions: SQL[] = [];
  if (query.q) {
    const pattern = `%${query.q}%`;
    conditions.push(or(ilike(users.displayName, pattern), ilike(users.username, pattern), ilike(users.email, pattern)) as SQL);
  }
  if (query.departmentId) conditions.push(eq(users.departmentId, query.departmentId));
  if (query.status) conditions.push(eq(users.status, query.status));
  if (query.roleId) conditions.push(sql`${users.id} in (select user_id from user_roles where role_id = ${query.roleId})`);
  const where = conditions.length ? and(...conditions) : undefined;
  const sortColumn = { displayName: users.displayName, username: users.username, createdAt: users.createdAt }[query.sort?.replace('-', '') ?? 'displayName'] ?? users.displayName;
  const order = query.sort?.startsWith('-') ? sql`${sortColumn} desc` : sql`${sortColumn} asc`;
  const [rows, [total]] = await Promise.all([
    db.select().from(users).where(where).orderBy(order, asc(users.id)).limit(query.pageSize).offset((query.page - 1) * query.pageSize),
    db.select({ value: count() }).from(users).where(where),
  ]);
  return { items: await toUsers(db, rows), total: total?.value ?? 0, page: query.page, pageSize: query.pageSize };
}

export async function lookupUsers(db: DbOrTx, q: string | undefined) {
  const pattern = `%${q ?? ''}%`;
  const rows = await db
    .select({ id: users.id, displayName: users.displayName, departmentName: departments.name })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(and(eq(users.status, 'active'), or(ilike(users.displayName, pattern), ilike(users.username, pattern))))
    .orderBy(asc(users.displayName))
    .limit(20);
  return { items: rows };
}

export async function getUser(db: DbOrTx, id: string): Promise<User> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  if (!row) throw notFound();
  return (await toUsers(db, [row]))[0]!;
}

async function validateReferences(
  db: DbOrTx,
  input: { departmentId?: string | undefined; managerId?: string | null | undefined; roleIds?: string[] | undefined },
  selfId?: string,
) {
  if (input.departmentId) {
    const [department] = await db.select().from(departments).where(eq(departments.id, input.departmentId));
    if (!department) throw invalidField('departmentId', 'unknown_department');
    if (!department.active) throw invalidField('departmentId', 'department_disabled');
  }
  if (input.managerId) {
    if (input.managerId === selfId) throw invalidField('managerId', 'manager_self');
    const [manager] = await db.select({ id: users.id }).from(users).where(eq(users.id, input.managerId));
    if (!manager) throw invalidField('managerId', 'unknown_user');
    if (selfId) {
      // The reporting line must stay a tree: the new manager may not report (directly or not) to this user.
      const chain = await db.execute<{ id: string }>(sql`
        with recursive up(id, manager_id) as (
          select id, manager_id from users where id = ${input.managerId}
          union select u.id, u.manager_id from users u join up on u.id = up.manager_id)
        select id from up where id = ${selfId}`);
      if (chain.rows.length > 0) throw invalidField('managerId', 'cycle_in_tree');
    }
  }
  if (input.roleIds) {
    const found = await db.select({ id: roles.id }).from(roles).where(inArray(roles.id, input.roleIds));
    if (found.length !== new Set(input.roleIds).size) throw invalidField('roleIds', 'unknown_role');
  }
}

async function assertUnique(db: DbOrTx, input: { username?: string; email?: string | null | undefined }, selfId?: string) {
  const problems = [];
  if (input.username) {
    const [taken] = await db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.username})`, input.username.toLowerCase()));
    if (taken && taken.id !== selfId) problems.push({ path: 'username', code: 'username_taken', message: 'Username is taken' });
  }
  if (input.email) {
    const [taken] = await db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, input.email.toLowerCase()));
    if (taken && taken.id !== selfId) problems.push({ path: 'email', code: 'email_taken', message: 'E-mail is in use' });
  }
  if (problems.length) throw new AppError('already_exists', 'Already in use', problems);
}

export async function createUser(
  db: Db,
  config: AppConfig,
  actor: Actor,
  input: z.infer<typeof userInputSchema>,
  baseUrl: string,
): Promise<User> {
  if (!input.password && !input.email) throw invalidField('password', 'password_or_email_required');
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const created = await db.transaction(async (tx) => {
    await assertUnique(tx, input);
    await validateReferences(tx, input);
    const [row] = await tx
      .insert(users)
      .values({
        username: input.username,
        displayName: input.displayName,
        email: input.email ?? null,
        phone: input.phone ?? null,
        departmentId: input.departmentId,
        position: input.position,
        managerId: input.managerId ?? null,
        locale: input.locale ?? (await companyDefaultLocale(tx)),
        passwordHash,
        mustChangePassword: Boolean(input.password),
      })
      .returning();
    await tx.insert(userRoles).values(input.roleIds.map((roleId) => ({ userId: row!.id, roleId })));
    // A new member widens the reach of their department's and their managers' scopes.
    await authChanged(tx);
    await writeHistory(tx, actor, {
      recordType: 'user',
      recordId: row!.id,
      action: 'create',
      changes: diffFields({} as Record<string, unknown>, { ...input, password: undefined }, ['username', 'displayName', 'email', 'departmentId', 'position', 'managerId', 'roleIds']),
    });
    await writeAudit(tx, { action: 'user_created', actorId: actor.userId, targetType: 'user', targetId: row!.id, ip: actor.ip, details: { roleIds: input.roleIds } });
    return row!;
  });
  // Without an initial password the new user sets one through a reset link.
  if (!input.password) await issueResetLink(db, config, created, baseUrl, actor.ip);
  return getUser(db, created.id);
}

export async function updateUser(db: Db, actor: Actor, id: string, patch: z.infer<typeof userPatchSchema>): Promise<User> {
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(users).where(eq(users.id, id)).for('update');
    if (!current) throw notFound();
    if (current.version !== patch.version) throw staleVersion();
    await assertUnique(tx, { email: patch.email }, id);
    await validateReferences(tx, patch, id);
    const currentRoleIds = (await tx.select().from(userRoles).where(eq(userRoles.userId, id))).map((link) => link.roleId).sort();
    const { roleIds, version: _version, ...fields } = patch;
    const changes = diffFields({ ...current, roleIds: currentRoleIds } as Record<string, unknown>, { ...fields, ...(roleIds ? { roleIds: [...roleIds].sort() } : {}) }, [
      'displayName',
      'email',
      'phone',
      'departmentId',
      'position',
      'managerId',
      'locale',
      'roleIds',
    ]);
    await tx.update(users).set({ ...fields, version: current.version + 1, updatedAt: new Date() }).where(eq(users.id, id));
    await authChanged(tx);
    if (roleIds && changes.some((change) => change.field === 'roleIds')) {
      await tx.delete(userRoles).where(eq(userRoles.userId, id));
      await tx.insert(userRoles).values(roleIds.map((roleId) => ({ userId: id, roleId })));
      await writeAudit(tx, { action: 'role_assignment', actorId: actor.userId, targetType: 'user', targetId: id, ip: actor.ip, details: { from: currentRoleIds, to: roleIds } });
    }
    if (changes.length) await writeHistory(tx, actor, { recordType: 'user', recordId: id, action: 'update', changes });
  });
  return getUser(db, id);
}

export async function setUserStatus(db: Db, actor: Actor, id: string, status: 'active' | 'departed'): Promise<User> {
  if (id === actor.userId && status === 'departed') throw new AppError('business_rule', 'You cannot deactivate yourself');
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(users).where(eq(users.id, id)).for('update');
    if (!current) throw notFound();
    if (current.status === status) return;
    await tx.update(users).set({ status, version: current.version + 1, updatedAt: new Date() }).where(eq(users.id, id));
    await authChanged(tx);
    if (status === 'departed') {
      // A departed user is signed out everywhere at once; their records stay where they are.
      await tx.update(sessions).set({ revokedAt: new Date() }).where(and(eq(sessions.userId, id), sql`${sessions.revokedAt} is null`));
      await writeAudit(tx, { action: 'user_deactivated', actorId: actor.userId, targetType: 'user', targetId: id, ip: actor.ip });
      // Approval steps waiting for them go to their manager: nothing waits for someone who is gone.
      await handOverPendingTasks(tx, id);
    }
    await writeHistory(tx, actor, { recordType: 'user', recordId: id, action: status === 'departed' ? 'deactivate' : 'reactivate', changes: [{ field: 'status', old: current.status, new: status }] });
  });
  return getUser(db, id);
}

// Sign-in, sessions, API tokens, password change and reset (PLAT-1).
import { authChanged } from './actor-cache';
import { and, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { CurrentUser, updateProfileInputSchema } from '@openpsm/contracts';
import type { AppConfig } from '../../config';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../access/actor';
import { writeAudit } from '../audit/audit-log.service';
import { AppError, invalidField } from '../errors';
import { sendMail } from '../notify/mail.service';
import { departments, users } from '../org-structure/org-structure.table';
import { passwordResets, sessions } from './auth.table';
import { hashPassword, verifyPassword } from './passwords';
import { hashToken, newToken } from './tokens';

export type RequestInfo = { ip: string | null; userAgent: string | null; previousToken?: string | null };

export async function login(db: Db, config: AppConfig, input: { username: string; password: string }, info: RequestInfo) {
  const loginName = input.username.trim().toLowerCase();
  const [user] = await db
    .select()
    .from(users)
    .where(or(eq(sql`lower(${users.username})`, loginName), eq(sql`lower(${users.email})`, loginName)))
    .limit(1);
  if (user?.lockedUntil && user.lockedUntil > new Date()) {
    await writeAudit(db, { action: 'login_failed', actorId: user.id, ip: info.ip, details: { login: loginName, reason: 'locked' } });
    throw new AppError('account_locked', 'Too many failed sign-ins; try again later', undefined, {
      lockedUntil: user.lockedUntil.toISOString(),
    });
  }
  const valid = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !valid) {
    await db.transaction(async (tx) => {
      await writeAudit(tx, { action: 'login_failed', actorId: user?.id ?? null, ip: info.ip, details: { login: loginName } });
      if (!user) return;
      const failures = user.failedLogins + 1;
      if (failures >= config.loginMaxFailures) {
        const lockedUntil = new Date(Date.now() + config.loginLockMinutes * 60_000);
        await tx.update(users).set({ failedLogins: 0, lockedUntil }).where(eq(users.id, user.id));
        await writeAudit(tx, { action: 'account_locked', actorId: user.id, ip: info.ip, details: { until: lockedUntil.toISOString() } });
      } else {
        await tx.update(users).set({ failedLogins: failures }).where(eq(users.id, user.id));
      }
    });
    throw new AppError('invalid_credentials', 'Wrong username or password');
  }
  if (user.status !== 'active') {
    await writeAudit(db, { action: 'login_failed', actorId: user.id, ip: info.ip, details: { login: loginName, reason: 'departed' } });
    throw new AppError('account_departed', 'This account has been deactivated');
  }
  const token = newToken();
  await db.transaction(async (tx) => {
    // Session rotation: a new token at every sign-in; the one the browser held before is revoked.
    if (info.previousToken) {
      await tx.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.tokenHash, hashToken(info.previousToken)));
      await authChanged(tx);
    }
    await tx.insert(sessions).values({
      tokenHash: hashToken(token),
      userId: user.id,
      kind: 'session',
      ip: info.ip,
      userAgent: info.userAgent?.slice(0, 300) ?? null,
      lastSeenAt: new Date(),
      expiresAt: new Date(Date.now() + config.sessionDays * 86_400_000),
    });
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() }).where(eq(users.id, user.id));
    await writeAudit(tx, { action: 'login', actorId: user.id, ip: info.ip, details: { userAgent: info.userAgent?.slice(0, 200) ?? null } });
  });
  return { token, userId: user.id };
}

export async function logout(db: Db, actor: Actor) {
  if (!actor.sessionId) return;
  await db.transaction(async (tx) => {
    await tx.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, actor.sessionId!));
    await authChanged(tx);
    await writeAudit(tx, { action: 'logout', actorId: actor.userId, ip: actor.ip });
  });
}

export async function currentUser(db: DbOrTx, actor: Actor): Promise<CurrentUser> {
  const [row] = await db
    .select({ user: users, departmentName: departments.name })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(eq(users.id, actor.userId));
  if (!row) throw new AppError('not_signed_in');
  return {
    id: row.user.id,
    username: row.user.username,
    displayName: row.user.displayName,
    email: row.user.email,
    locale: row.user.locale as CurrentUser['locale'],
    departmentId: row.user.departmentId,
    departmentName: row.departmentName,
    position: row.user.position,
    roles: actor.roles,
    permissions: [...actor.permissions].sort(),
    scopes: actor.scopes,
    visibleProtectedFields: [...actor.visibleProtectedFields].sort(),
    mustChangePassword: row.user.mustChangePassword,
  };
}

export async function updateProfile(db: Db, actor: Actor, input: z.infer<typeof updateProfileInputSchema>) {
  await db.transaction(async (tx) => {
    if (input.email) {
      const [taken] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(sql`lower(${users.email})`, input.email.toLowerCase()), sql`${users.id} <> ${actor.userId}`));
      if (taken) throw invalidField('email', 'email_taken');
    }
    await tx
      .update(users)
      .set({ ...input, updatedAt: new Date(), version: sql`${users.version} + 1` })
      .where(eq(users.id, actor.userId));
    await authChanged(tx);
  });
}

export async function changePassword(db: Db, actor: Actor, input: { currentPassword: string; newPassword: string }) {
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError('password_wrong', 'The current password is wrong', [
      { path: 'currentPassword', code: 'password_wrong', message: 'The current password is wrong' },
    ]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: false, updatedAt: new Date() }).where(eq(users.id, user.id));
    // Every other session of the user ends: a changed password must lock out whoever knew the old one.
    await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(sessions.userId, user.id), eq(sessions.kind, 'session'), isNull(sessions.revokedAt), sql`${sessions.id} <> ${actor.sessionId}`));
    await writeAudit(tx, { action: 'password_changed', actorId: user.id, ip: actor.ip });
    await authChanged(tx);
  });
}

const RESET_MINUTES = 60;

/** Always answers the same, whether or not the account exists, so it cannot be used to probe for accounts. */
export async function requestPasswordReset(db: Db, config: AppConfig, login: string, baseUrl: string, ip: string | null) {
  const loginName = login.trim().toLowerCase();
  const [user] = await db
    .select()
    .from(users)
    .where(or(eq(sql`lower(${users.username})`, loginName), eq(sql`lower(${users.email})`, loginName)))
    .limit(1);
  if (!user || user.status !== 'active' || !user.email) {
    await writeAudit(db, { action: 'password_reset_requested', ip, details: { login: loginName, sent: false } });
    return;
  }
  await issueResetLink(db, config, user, baseUrl, ip);
}

export async function issueResetLink(
  db: Db,
  config: AppConfig,
  user: { id: string; email: string | null; displayName: string; locale: string },
  baseUrl: string,
  ip: string | null,
) {
  if (!user.email) return;
  const token = newToken();
  await db.transaction(async (tx) => {
    await tx.insert(passwordResets).values({
      userId: user.id,
      tokenHash: hashToken(token),
      expiresAt: new Date(Date.now() + RESET_MINUTES * 60_000),
    });
    await writeAudit(tx, { action: 'password_reset_requested', actorId: user.id, ip, details: { sent: true } });
  });
  const link = `${config.publicUrl ?? baseUrl}/reset-password?token=${token}`;
  const zh = user.locale !== 'en';
  await sendMail(db, config, {
    to: user.email,
    subject: zh ? 'OpenPSM 重置密码' : 'Reset your OpenPSM password',
    text: zh
      ? `${user.displayName}，您好：\n\n请在 ${RESET_MINUTES} 分钟内打开以下链接设置新密码（链接仅可使用一次）：\n${link}\n\n如果不是您本人操作，请忽略本邮件。`
      : `Hello ${user.displayName},\n\nOpen this link within ${RESET_MINUTES} minutes to set a new password (it works once):\n${link}\n\nIf you did not ask for this, ignore this e-mail.`,
  });
}

export async function resetPassword(db: Db, input: { token: string; newPassword: string }, ip: string | null) {
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    const [reset] = await tx
      .select()
      .from(passwordResets)
      .where(and(eq(passwordResets.tokenHash, hashToken(input.token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, new Date())))
      .for('update');
    if (!reset) throw new AppError('reset_token_invalid', 'The link is invalid, used or expired');
    await tx.update(passwordResets).set({ usedAt: new Date() }).where(eq(passwordResets.id, reset.id));
    await tx
      .update(users)
      .set({ passwordHash, failedLogins: 0, lockedUntil: null, mustChangePassword: false, updatedAt: new Date() })
      .where(eq(users.id, reset.userId));
    await tx.update(sessions).set({ revokedAt: new Date() }).where(and(eq(sessions.userId, reset.userId), isNull(sessions.revokedAt), eq(sessions.kind, 'session')));
    await writeAudit(tx, { action: 'password_reset', actorId: reset.userId, ip });
    await authChanged(tx);
  });
}

export async function listSessions(db: DbOrTx, actor: Actor) {
  const rows = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, actor.userId), isNull(sessions.revokedAt), or(isNull(sessions.expiresAt), gt(sessions.expiresAt, new Date()))))
    .orderBy(desc(sessions.createdAt));
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind as 'session' | 'api_token',
    name: row.name,
    ip: row.ip,
    userAgent: row.userAgent,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
    current: row.id === actor.sessionId,
  }));
}

export async function revokeSession(db: Db, actor: Actor, sessionId: string) {
  await db.transaction(async (tx) => {
    const revoked = await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, actor.userId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    if (revoked.length === 0) throw new AppError('not_found');
    await authChanged(tx);
    await writeAudit(tx, { action: 'session_revoked', actorId: actor.userId, targetType: 'session', targetId: sessionId, ip: actor.ip });
  });
}

export async function createApiToken(db: Db, actor: Actor, input: { name: string; expiresInDays?: number | undefined }) {
  const token = newToken();
  const [row] = await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(sessions)
      .values({
        tokenHash: hashToken(token),
        userId: actor.userId,
        kind: 'api_token',
        name: input.name,
        expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
      })
      .returning();
    await writeAudit(tx, { action: 'api_token_created', actorId: actor.userId, ip: actor.ip, details: { name: input.name } });
    return inserted;
  });
  return {
    token,
    apiToken: { id: row!.id, name: input.name, createdAt: row!.createdAt.toISOString(), lastSeenAt: null, expiresAt: row!.expiresAt?.toISOString() ?? null },
  };
}

export async function listApiTokens(db: DbOrTx, actor: Actor) {
  const rows = (await listSessions(db, actor)).filter((row) => row.kind === 'api_token');
  const expiries = await db
    .select({ id: sessions.id, expiresAt: sessions.expiresAt })
    .from(sessions)
    .where(and(eq(sessions.userId, actor.userId), eq(sessions.kind, 'api_token')));
  const expiryById = new Map(expiries.map((row) => [row.id, row.expiresAt?.toISOString() ?? null]));
  return rows.map((row) => ({ id: row.id, name: row.name ?? '', createdAt: row.createdAt, lastSeenAt: row.lastSeenAt, expiresAt: expiryById.get(row.id) ?? null }));
}

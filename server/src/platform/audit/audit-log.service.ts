// The security audit log: sign-ins, failures, exports, permission changes, transfers (PLAT-5).
import { and, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { auditListQuerySchema } from '@openpsm/contracts';
import type { DbOrTx } from '../../db/client';
import { companyTimeZone, startOfDay } from '../config/settings.service';
import { users } from '../org-structure/org-structure.table';
import { auditLog } from './audit.table';

export type AuditWrite = {
  action: string;
  actorId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
};

export async function writeAudit(db: DbOrTx, entry: AuditWrite): Promise<void> {
  await db.insert(auditLog).values({
    action: entry.action,
    actorId: entry.actorId ?? null,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    ip: entry.ip ?? null,
    details: entry.details ?? {},
  });
}

export async function listAuditLog(db: DbOrTx, query: z.infer<typeof auditListQuerySchema>) {
  const conditions: SQL[] = [];
  if (query.action) conditions.push(eq(auditLog.action, query.action));
  if (query.actorId) conditions.push(eq(auditLog.actorId, query.actorId));
  if (query.from || query.to) {
    // Whole days of the company's calendar (settings time zone), both inclusive.
    const timeZone = await companyTimeZone(db);
    if (query.from) conditions.push(gte(auditLog.at, startOfDay(query.from, timeZone)));
    if (query.to) conditions.push(lt(auditLog.at, startOfDay(query.to, timeZone, 1)));
  }
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select({ entry: auditLog, actorName: users.displayName })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ value: count() }).from(auditLog).where(where),
  ]);
  return {
    items: rows.map(({ entry, actorName }) => ({
      id: String(entry.id),
      at: entry.at.toISOString(),
      action: entry.action,
      actorId: entry.actorId,
      actorName,
      targetType: entry.targetType,
      targetId: entry.targetId,
      ip: entry.ip,
      details: entry.details,
    })),
    total: total?.value ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}

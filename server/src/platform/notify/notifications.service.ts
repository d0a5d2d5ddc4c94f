// In-app notifications (PLAT-10). A NOTIFY in the same transaction reaches every server instance at commit.
import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Notification } from '@openpsm/contracts';
import type { DbOrTx } from '../../db/client';
import { notFound } from '../errors';
import { notifications } from './notify.table';

export const NOTIFY_CHANNEL = 'openpsm_notifications';

export type NotificationWrite = { userId: string; kind: string; params?: Record<string, unknown>; link?: string | null };

const toNotification = (row: typeof notifications.$inferSelect): Notification => ({
  id: row.id,
  kind: row.kind,
  params: row.params,
  link: row.link,
  readAt: row.readAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
});

export async function notify(tx: DbOrTx, entries: NotificationWrite[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = await tx
    .insert(notifications)
    .values(entries.map((entry) => ({ userId: entry.userId, kind: entry.kind, params: entry.params ?? {}, link: entry.link ?? null })))
    .returning();
  // One statement for the lot: a delivery of hundreds of reminders pushes them in one round trip, not one each.
  const payloads = rows.map((row) => sql`${JSON.stringify({ userId: row.userId, notification: toNotification(row) })}`);
  await tx.execute(sql`select pg_notify(${NOTIFY_CHANNEL}, payload) from unnest(array[${sql.join(payloads, sql`, `)}]::text[]) as payload`);
}

export async function listNotifications(db: DbOrTx, userId: string) {
  const [rows, [unread]] = await Promise.all([
    db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.createdAt)).limit(50),
    db.select({ value: count() }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt))),
  ]);
  return { items: rows.map(toNotification), unread: unread?.value ?? 0 };
}

export async function markRead(db: DbOrTx, userId: string, id: string) {
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning({ id: notifications.id });
  if (rows.length === 0) throw notFound();
}

export async function markAllRead(db: DbOrTx, userId: string) {
  await db.update(notifications).set({ readAt: new Date() }).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
}

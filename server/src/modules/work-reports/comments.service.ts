// Comment threads (ACT-3, 点评) on activities and work reports. Whoever may read the record may comment; the record's
// owner and the earlier participants of the thread are told. A comment is removed (softly) by its author only.
import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Comment, CommentableType, CommentInput, Permission } from '@openpsm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { ownedRecordTables } from '../../platform/access/owned-records';
import { recordCondition } from '../../platform/access/record-scope';
import { forbidden, notFound } from '../../platform/errors';
import { notify } from '../../platform/notify/notifications.service';
import { users } from '../../platform/org-structure/org-structure.table';
import { activities } from '../activities/activities.table';
import { scopedReports, visibleToActor } from './work-report-read';
import { recordComments, workReports } from './work-reports.table';

/** The permission that opens each kind of thread. */
export const commentPermission: Record<CommentableType, Permission> = { activity: 'activity.view', work_report: 'work_report.view' };

type CommentedRecord = {
  ownerId: string;
  /** The notification for the record's owner and the thread's participants: its kind, what names the record, the link. */
  kind: 'activity_commented' | 'report_commented';
  params: Record<string, unknown>;
  link: string;
};

/**
 * The record, when the actor may read it: an activity within the activity read scope, a work report within the report
 * scope and submitted (or the actor's own). Null otherwise — the caller answers 404, never "it exists".
 */
export async function commentedRecord(db: DbOrTx, actor: Actor, recordType: CommentableType, recordId: string): Promise<CommentedRecord | null> {
  if (!actor.permissions.has(commentPermission[recordType])) return null;
  if (recordType === 'activity') {
    const [row] = await db
      .select({ ownerId: activities.ownerId, subject: activities.subject })
      .from(activities)
      .where(and(recordCondition(actor, ownedRecordTables.activity, recordId), isNull(activities.deletedAt)));
    return row ? { ownerId: row.ownerId, kind: 'activity_commented', params: { subject: row.subject }, link: `/activities?open=${recordId}` } : null;
  }
  const [row] = await db
    .select({ ownerId: workReports.userId, kind: workReports.kind, periodStart: workReports.periodStart, periodEnd: workReports.periodEnd })
    .from(workReports)
    .where(and(recordCondition(actor, scopedReports, recordId), isNull(workReports.deletedAt), visibleToActor(actor)));
  if (!row) return null;
  const period = row.periodStart === row.periodEnd ? row.periodStart : `${row.periodStart} ~ ${row.periodEnd}`;
  return { ownerId: row.ownerId, kind: 'report_commented', params: { period, reportKind: row.kind }, link: `/work-reports/${recordId}` };
}

type CommentRow = typeof recordComments.$inferSelect;

export const toComment = (actor: Actor, row: CommentRow, authorName: string | null): Comment => ({
  id: row.id,
  recordType: row.recordType as CommentableType,
  recordId: row.recordId,
  author: { id: row.authorId, displayName: authorName ?? '' },
  body: row.body,
  createdAt: row.createdAt.toISOString(),
  canDelete: row.authorId === actor.userId,
});

/** The live comments of the given records, oldest first: one statement for any number of records of either type. */
export async function commentsOf(db: DbOrTx, actor: Actor, targets: Partial<Record<CommentableType, string[]>>): Promise<Comment[]> {
  const arms = Object.entries(targets)
    .filter(([, ids]) => ids && ids.length > 0)
    .map(([recordType, ids]) => and(eq(recordComments.recordType, recordType), inArray(recordComments.recordId, ids!)));
  if (arms.length === 0) return [];
  const rows = await db
    .select({ comment: recordComments, authorName: users.displayName })
    .from(recordComments)
    .leftJoin(users, eq(users.id, recordComments.authorId))
    .where(and(or(...arms), isNull(recordComments.deletedAt)))
    .orderBy(asc(recordComments.createdAt), asc(recordComments.id));
  return rows.map((row) => toComment(actor, row.comment, row.authorName));
}

export async function listComments(db: DbOrTx, actor: Actor, recordType: CommentableType, recordId: string) {
  if (!(await commentedRecord(db, actor, recordType, recordId))) throw notFound();
  return { items: await commentsOf(db, actor, { [recordType]: [recordId] }) };
}

export async function createComment(db: Db, actor: Actor, recordType: CommentableType, recordId: string, input: CommentInput, now = new Date()): Promise<Comment> {
  return db.transaction(async (tx) => {
    const record = await commentedRecord(tx, actor, recordType, recordId);
    if (!record) throw notFound();
    // Told: the owner and whoever commented before — active people other than the commenter, each once.
    const told = await tx.execute<{ id: string }>(sql`
      select u.id from users u
       where u.status = 'active' and u.id <> ${actor.userId}
         and (u.id = ${record.ownerId}
              or u.id in (select c.author_id from record_comments c
                           where c.record_type = ${recordType} and c.record_id = ${recordId} and c.deleted_at is null))`);
    const [row] = await tx.insert(recordComments).values({ recordType, recordId, authorId: actor.userId, body: input.body, createdAt: now, updatedAt: now }).returning();
    const params = { ...record.params, by: actor.displayName, excerpt: input.body.slice(0, 80) };
    await notify(
      tx,
      told.rows.map((user) => ({ userId: user.id, kind: record.kind, params, link: record.link })),
    );
    return toComment(actor, row!, actor.displayName);
  });
}

/**
 * A comment is removed by its author. Someone else who can read the thread gets 403 (they see the comment, so its
 * existence is no secret); someone who cannot read the record gets 404.
 */
export async function deleteComment(db: Db, actor: Actor, id: string, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const [comment] = await tx
      .select()
      .from(recordComments)
      .where(and(eq(recordComments.id, id), isNull(recordComments.deletedAt)))
      .for('update');
    if (!comment || !(await commentedRecord(tx, actor, comment.recordType as CommentableType, comment.recordId))) throw notFound();
    if (comment.authorId !== actor.userId) throw forbidden('Only its author may remove a comment');
    await tx.update(recordComments).set({ deletedAt: now, updatedAt: now }).where(eq(recordComments.id, id));
  });
}

// Lead hand-over (CUS-8): the owner (or a manager whose scope reaches the owner) hands an organisation to a rep,
// who accepts within a deadline and becomes its owner — or declines, or lets it expire. Until accepted nothing
// changes hands: a declined or expired lead simply stays with its owner, in the sender's "sent" box.
import { aliasedTable, and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Lead, LeadListQuery } from '@openpsm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { ownedRecordTables } from '../../platform/access/owned-records';
import { recordCondition } from '../../platform/access/record-scope';
import { writeHistory } from '../../platform/audit/history.service';
import { settings } from '../../platform/config/config.table';
import { AppError, notFound, staleVersion } from '../../platform/errors';
import { NOTIFY_CHANNEL, notify } from '../../platform/notify/notifications.service';
import { users } from '../../platform/org-structure/org-structure.table';
import { organizations } from '../organizations/organizations.table';
import { leadHandovers } from './pool.table';

/** The lead rules live in their own settings row, beside the company settings (row 1) and the grading model (row 2). */
const LEAD_RULES_ROW = 3;
export const DEFAULT_LEAD_HOURS = 48;

export async function getLeadRules(db: DbOrTx) {
  const [row] = await db.select().from(settings).where(eq(settings.id, LEAD_RULES_ROW));
  const hours = Number((row?.values as { defaultHours?: number } | undefined)?.defaultHours ?? DEFAULT_LEAD_HOURS);
  return { defaultHours: hours, version: row?.version ?? 1 };
}

export async function updateLeadRules(db: Db, actor: Actor, input: { defaultHours: number; version: number }) {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(settings).where(eq(settings.id, LEAD_RULES_ROW)).for('update');
    const version = current?.version ?? 1;
    if (version !== input.version) throw staleVersion();
    const before = await getLeadRules(tx);
    const values = { defaultHours: input.defaultHours };
    await tx.insert(settings).values({ id: LEAD_RULES_ROW, values, version: version + 1 }).onConflictDoUpdate({ target: settings.id, set: { values, version: version + 1 } });
    if (before.defaultHours !== input.defaultHours) {
      await writeHistory(tx, actor, {
        recordType: 'settings',
        recordId: '00000000-0000-0000-0000-000000000003',
        action: 'update',
        changes: [{ field: 'leadDefaultHours', old: before.defaultHours, new: input.defaultHours }],
      });
    }
    return { defaultHours: input.defaultHours, version: version + 1 };
  });
}

const senders = aliasedTable(users, 'senders');
const receivers = aliasedTable(users, 'receivers');

const leadColumns = {
  lead: leadHandovers,
  organizationNumber: organizations.number,
  organizationName: organizations.name,
  fromName: senders.displayName,
  toName: receivers.displayName,
};

type LeadRow = { lead: typeof leadHandovers.$inferSelect; organizationNumber: string; organizationName: string; fromName: string; toName: string };

const toLead = (row: LeadRow): Lead => ({
  id: row.lead.id,
  organization: { id: row.lead.organizationId, number: row.organizationNumber, name: row.organizationName },
  from: { id: row.lead.fromUserId, displayName: row.fromName },
  to: { id: row.lead.toUserId, displayName: row.toName },
  status: row.lead.status as Lead['status'],
  note: row.lead.note,
  dueAt: row.lead.dueAt.toISOString(),
  decidedAt: row.lead.decidedAt?.toISOString() ?? null,
  decisionNote: row.lead.decisionNote,
  createdAt: row.lead.createdAt.toISOString(),
});

function selectLeads(db: DbOrTx, where: SQL | undefined) {
  return db
    .select(leadColumns)
    .from(leadHandovers)
    .innerJoin(organizations, eq(organizations.id, leadHandovers.organizationId))
    .innerJoin(senders, eq(senders.id, leadHandovers.fromUserId))
    .innerJoin(receivers, eq(receivers.id, leadHandovers.toUserId))
    .where(where);
}

export async function getLead(db: DbOrTx, actor: Actor, id: string): Promise<Lead> {
  const [row] = await selectLeads(db, and(eq(leadHandovers.id, id), sql`(${leadHandovers.toUserId} = ${actor.userId} or ${leadHandovers.fromUserId} = ${actor.userId})`));
  if (!row) throw notFound();
  return toLead(row);
}

/** Incoming: leads handed to me; sent: leads I handed on. Pending ones first, the most urgent on top. */
export async function listLeads(db: DbOrTx, actor: Actor, query: LeadListQuery) {
  const mine = query.box === 'incoming' ? eq(leadHandovers.toUserId, actor.userId) : eq(leadHandovers.fromUserId, actor.userId);
  const where = and(mine, query.status ? eq(leadHandovers.status, query.status) : undefined);
  const rows = await selectLeads(db, where)
    .orderBy(sql`${leadHandovers.status} <> 'pending'`, sql`case when ${leadHandovers.status} = 'pending' then ${leadHandovers.dueAt} end`, desc(leadHandovers.createdAt))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const total = await db.$count(leadHandovers, where);
  return { items: rows.map(toLead), total, page: query.page, pageSize: query.pageSize };
}

export async function handOverLead(db: Db, actor: Actor, organizationId: string, input: { toUserId: string; note?: string | null | undefined; hours?: number | undefined }, now = new Date()): Promise<Lead> {
  const id = await db.transaction(async (tx) => {
    const [organization] = await tx
      .select({ id: organizations.id, name: organizations.name, ownerId: organizations.ownerId })
      .from(organizations)
      .where(and(recordCondition(actor, ownedRecordTables.organization, organizationId, 'write'), isNull(organizations.deletedAt)))
      .for('update');
    if (!organization || !organization.ownerId) throw notFound();
    const [target] = await tx.select({ status: users.status }).from(users).where(eq(users.id, input.toUserId));
    if (!target) throw new AppError('invalid_input', 'Unknown user', [{ path: 'toUserId', code: 'unknown_user', message: 'unknown_user' }]);
    if (target.status !== 'active') throw new AppError('invalid_input', 'The user has left', [{ path: 'toUserId', code: 'user_departed', message: 'user_departed' }]);
    if (input.toUserId === organization.ownerId) throw new AppError('invalid_input', 'Already the owner', [{ path: 'toUserId', code: 'already_owner', message: 'already_owner' }]);
    const [open] = await tx.select({ id: leadHandovers.id }).from(leadHandovers).where(and(eq(leadHandovers.organizationId, organizationId), eq(leadHandovers.status, 'pending')));
    if (open) throw new AppError('conflict', 'A hand-over of this organisation is already waiting for an answer');
    const hours = input.hours ?? (await getLeadRules(tx)).defaultHours;
    const dueAt = new Date(now.getTime() + hours * 3_600_000);
    const [lead] = await tx
      .insert(leadHandovers)
      .values({ organizationId, fromUserId: actor.userId, toUserId: input.toUserId, note: input.note ?? null, dueAt, createdAt: now })
      .returning({ id: leadHandovers.id });
    await writeHistory(tx, actor, {
      recordType: 'organization',
      recordId: organizationId,
      action: 'lead.handover',
      changes: [{ field: 'leadTo', old: null, new: input.toUserId }],
      note: input.note ?? null,
      at: now,
    });
    await notify(tx, [{ userId: input.toUserId, kind: 'lead.received', params: { organizationName: organization.name, fromName: actor.displayName, dueAt: dueAt.toISOString() }, link: '/leads' }]);
    return lead!.id;
  });
  return getLead(db, actor, id);
}

/** Locks a lead handed to the actor that still waits for an answer (past its deadline it no longer does). */
async function lockPendingLead(tx: DbOrTx, actor: Actor, id: string, now: Date) {
  const [lead] = await tx.select().from(leadHandovers).where(and(eq(leadHandovers.id, id), eq(leadHandovers.toUserId, actor.userId))).for('update');
  if (!lead) throw notFound();
  if (lead.status !== 'pending' || lead.dueAt <= now) throw new AppError('lead_not_pending', `The hand-over is ${lead.status === 'pending' ? 'past its deadline' : lead.status}`);
  return lead;
}

export async function acceptLead(db: Db, actor: Actor, id: string, now = new Date()): Promise<Lead> {
  await db.transaction(async (tx) => {
    const lead = await lockPendingLead(tx, actor, id, now);
    const [organization] = await tx.select().from(organizations).where(eq(organizations.id, lead.organizationId)).for('update');
    // Given up to the pool or deleted since it was sent: there is nothing left to hand over.
    if (!organization || organization.deletedAt || !organization.ownerId) throw new AppError('lead_not_pending', 'The organisation is no longer owned by the sender');
    await tx.update(leadHandovers).set({ status: 'accepted', decidedAt: now }).where(eq(leadHandovers.id, id));
    await tx
      .update(organizations)
      .set({ ownerId: actor.userId, ownedSince: now, poolWarnedAt: null, version: organization.version + 1, updatedAt: now })
      .where(eq(organizations.id, organization.id));
    await writeHistory(tx, actor, {
      recordType: 'organization',
      recordId: organization.id,
      action: 'lead.accept',
      changes: [{ field: 'ownerId', old: organization.ownerId, new: actor.userId }],
      at: now,
    });
    await notify(tx, [{ userId: lead.fromUserId, kind: 'lead.accepted', params: { organizationName: organization.name, toName: actor.displayName }, link: `/organizations/${organization.id}` }]);
  });
  return getLead(db, actor, id);
}

export async function declineLead(db: Db, actor: Actor, id: string, reason: string, now = new Date()): Promise<Lead> {
  await db.transaction(async (tx) => {
    const lead = await lockPendingLead(tx, actor, id, now);
    await tx.update(leadHandovers).set({ status: 'declined', decidedAt: now, decisionNote: reason }).where(eq(leadHandovers.id, id));
    const [organization] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, lead.organizationId));
    await writeHistory(tx, actor, { recordType: 'organization', recordId: lead.organizationId, action: 'lead.decline', note: reason, at: now });
    await notify(tx, [{ userId: lead.fromUserId, kind: 'lead.declined', params: { organizationName: organization?.name ?? '', toName: actor.displayName, reason }, link: '/leads?box=sent' }]);
  });
  return getLead(db, actor, id);
}

/**
 * Leads nobody answered in time expire and go back to the sender's queue (the owner never changed). One
 * statement for all of them: the status, a history line on each organisation and a notice to both sides.
 */
export async function processLeadDeadlines(db: DbOrTx, now = new Date()): Promise<{ expired: number }> {
  const at = now.toISOString();
  const result = await db.execute<{ expired: string | number }>(sql`
    with expired as (
      update lead_handovers set status = 'expired', decided_at = ${at}::timestamptz
      where status = 'pending' and due_at <= ${at}::timestamptz
      returning id, organization_id, from_user_id, to_user_id),
    history as (
      insert into record_history (record_type, record_id, action, actor_id, changes, note, at)
      select 'organization', organization_id, 'lead.expire', null, '[]'::jsonb, null, ${at}::timestamptz from expired),
    notes as (
      insert into notifications (user_id, kind, params, link)
      select recipient.user_id, recipient.kind, jsonb_build_object('organizationName', o.name, 'toName', u.display_name), recipient.link
      from expired e
      join organizations o on o.id = e.organization_id
      join users u on u.id = e.to_user_id
      cross join lateral (values (e.from_user_id, 'lead.expired', '/leads?box=sent'), (e.to_user_id, 'lead.missed', '/leads')) as recipient(user_id, kind, link)
      returning id, user_id, kind, params, link, created_at)
    select (select count(*) from expired) as expired,
      (select count(pg_notify(${NOTIFY_CHANNEL}, json_build_object('userId', n.user_id, 'notification',
        json_build_object('id', n.id, 'kind', n.kind, 'params', n.params, 'link', n.link, 'readAt', null, 'createdAt', n.created_at))::text)) from notes n) as pushed`);
  return { expired: Number(result.rows[0]?.expired ?? 0) };
}

// Work reports (ACT-4): a rep opens the report of a day or week — drafted from the period's activities — edits and
// submits it; submitting tells their manager and freezes it. Others within the scope read submitted reports only.
import { and, asc, desc, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { WorkReport, WorkReportDraftInput, WorkReportListQuery, WorkReportPatch } from '@openpsm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { countInScope, recordCondition, scopeCondition, scopedCount } from '../../platform/access/record-scope';
import { diffFields, listHistory, writeHistory } from '../../platform/audit/history.service';
import { companyTimeZone } from '../../platform/config/settings.service';
import { AppError, forbidden, invalidField, notFound, staleVersion } from '../../platform/errors';
import { totalCarried } from '../../platform/http/paging';
import { notify } from '../../platform/notify/notifications.service';
import { users } from '../../platform/org-structure/org-structure.table';
import { draftReportText } from './report-draft';
import { periodOf } from './report-period';
import { readReport, reportColumns, scopedReports, toWorkReport, visibleToActor, WORK_REPORT } from './work-report-read';
import { workReports } from './work-reports.table';
import { containsPattern } from '../../platform/search/search-text';

const editableFields = ['summary', 'problems', 'plans'] as const;

const reportSubmitted = () =>
  new AppError('business_rule', 'A submitted report can no longer be changed', [{ path: 'status', code: 'report_submitted', message: 'report_submitted' }]);

/**
 * The caller's report of the period containing `date`: the live one, or a new draft. Two requests at once (a double
 * tap, two tabs) meet at the unique index of user, kind and period: the second inserts nothing and reads the first.
 */
export async function draftReport(db: Db, actor: Actor, input: WorkReportDraftInput): Promise<{ report: WorkReport; created: boolean }> {
  return db.transaction(async (tx) => {
    const timeZone = await companyTimeZone(tx);
    const period = periodOf(input.kind, input.date);
    const live = and(eq(workReports.userId, actor.userId), eq(workReports.kind, period.kind), eq(workReports.periodStart, period.start), isNull(workReports.deletedAt));
    const [existing] = await tx.select({ id: workReports.id }).from(workReports).where(live);
    let created = false;
    let id = existing?.id;
    if (!id) {
      const text = await draftReportText(tx, actor, period, timeZone);
      const [inserted] = await tx
        .insert(workReports)
        .values({ userId: actor.userId, kind: period.kind, periodStart: period.start, periodEnd: period.end, summary: text.summary, plans: text.plans })
        .onConflictDoNothing()
        .returning({ id: workReports.id });
      if (inserted) {
        created = true;
        id = inserted.id;
        await writeHistory(tx, actor, { recordType: WORK_REPORT, recordId: inserted.id, action: 'create' });
      } else {
        const [winner] = await tx.select({ id: workReports.id }).from(workReports).where(live);
        id = winner!.id;
      }
    }
    const report = await readReport(tx, actor, id, timeZone);
    return { report: report!, created };
  });
}

const sortColumns = {
  periodStart: workReports.periodStart,
  submittedAt: workReports.submittedAt,
  updatedAt: workReports.updatedAt,
  createdAt: workReports.createdAt,
} as const;

export async function listReports(db: DbOrTx, actor: Actor, query: WorkReportListQuery) {
  const filters: SQL[] = [isNull(workReports.deletedAt), visibleToActor(actor)];
  if (query.kind) filters.push(eq(workReports.kind, query.kind));
  if (query.userId) filters.push(eq(workReports.userId, query.userId));
  if (query.status) filters.push(eq(workReports.status, query.status));
  // A period overlapping the range: a week that began before `from` still belongs to it.
  if (query.from) filters.push(sql`${workReports.periodEnd} >= ${query.from}::date`);
  if (query.to) filters.push(sql`${workReports.periodStart} <= ${query.to}::date`);
  if (query.departmentId) {
    // The author's current department or one below it, as department scopes read it.
    filters.push(sql`${workReports.userId} in (select u.id from users u join departments d on d.id = u.department_id
        where d.path like (select path from departments where id = ${query.departmentId}) || '%')`);
  }
  if (query.q?.trim()) {
    const pattern = containsPattern(query.q.trim());
    filters.push(or(ilike(workReports.summary, pattern), ilike(workReports.problems, pattern), ilike(workReports.plans, pattern)) as SQL);
  }
  const sortKey = (query.sort ?? '-periodStart').replace(/^-/, '') as keyof typeof sortColumns;
  const column = sortColumns[sortKey] ?? workReports.periodStart;
  const direction = (query.sort ?? '-periodStart').startsWith('-') ? desc : asc;
  const timeZone = await companyTimeZone(db);
  const rows = await db
    .select({ ...reportColumns(timeZone), total: scopedCount(actor, scopedReports, and(...filters)).mapWith(Number).as('total') })
    .from(workReports)
    .leftJoin(users, eq(users.id, workReports.userId))
    .where(and(...filters, scopeCondition(actor, scopedReports)))
    .orderBy(direction(column), desc(workReports.createdAt), asc(workReports.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const total = await totalCarried(rows, query, () => countInScope(db, actor, scopedReports, and(...filters)));
  return { items: rows.map((row) => toWorkReport(actor, row)), total, page: query.page, pageSize: query.pageSize };
}

export async function getReport(db: DbOrTx, actor: Actor, id: string): Promise<WorkReport> {
  const report = await readReport(db, actor, id, await companyTimeZone(db));
  if (!report) throw notFound();
  return report;
}

/**
 * The report locked for a change by its author: 404 when the caller cannot read it, 403 when they can but did not
 * write it (a manager reading it), 422 once it was submitted.
 */
async function lockOwnDraft(tx: DbOrTx, actor: Actor, id: string) {
  const [current] = await tx
    .select()
    .from(workReports)
    .where(and(recordCondition(actor, scopedReports, id), isNull(workReports.deletedAt), visibleToActor(actor)))
    .for('update');
  if (!current) throw notFound();
  if (current.userId !== actor.userId) throw forbidden('Only its author may change a work report');
  if (current.status !== 'draft') throw reportSubmitted();
  return current;
}

/** The author's manager, when there is one and they are active: who a submitted report is for. */
async function activeManagerOf(tx: DbOrTx, userId: string): Promise<string | null> {
  const result = await tx.execute<{ id: string }>(sql`
    select m.id from users u join users m on m.id = u.manager_id
     where u.id = ${userId} and m.status = 'active' and m.id <> u.id`);
  return result.rows[0]?.id ?? null;
}

export async function updateReport(db: Db, actor: Actor, id: string, patch: WorkReportPatch, now = new Date()): Promise<WorkReport> {
  return db.transaction(async (tx) => {
    const current = await lockOwnDraft(tx, actor, id);
    if (current.version !== patch.version) throw staleVersion();
    const values: Partial<typeof workReports.$inferInsert> = {};
    if (patch.summary !== undefined) values.summary = patch.summary;
    if (patch.problems !== undefined) values.problems = patch.problems || null;
    if (patch.plans !== undefined) values.plans = patch.plans || null;
    const changes = diffFields(current, values, editableFields);
    if (patch.submit && !(values.summary ?? current.summary).trim()) throw invalidField('summary', 'required');
    if (patch.submit) Object.assign(values, { status: 'submitted', submittedAt: now });
    await tx
      .update(workReports)
      .set({ ...values, version: current.version + 1, updatedAt: now })
      .where(eq(workReports.id, id));
    if (changes.length > 0) await writeHistory(tx, actor, { recordType: WORK_REPORT, recordId: id, action: 'update', changes });
    if (patch.submit) {
      await writeHistory(tx, actor, { recordType: WORK_REPORT, recordId: id, action: 'submit', changes: [{ field: 'status', old: 'draft', new: 'submitted' }] });
      const managerId = await activeManagerOf(tx, current.userId);
      if (managerId) {
        await notify(tx, [
          {
            userId: managerId,
            kind: 'report_submitted',
            params: { name: actor.displayName, kind: current.kind, periodStart: current.periodStart },
            link: `/work-reports/${id}`,
          },
        ]);
      }
    }
    return (await readReport(tx, actor, id, await companyTimeZone(tx)))!;
  });
}

/** The author discards a draft (soft: it stays in history); a submitted report stays. */
export async function deleteReport(db: Db, actor: Actor, id: string, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await lockOwnDraft(tx, actor, id);
    await tx
      .update(workReports)
      .set({ deletedAt: now, updatedAt: now, version: current.version + 1 })
      .where(eq(workReports.id, id));
    await writeHistory(tx, actor, { recordType: WORK_REPORT, recordId: id, action: 'delete' });
  });
}

/** History follows the reading rule, and stays readable by the author after a draft was discarded. */
export async function reportHistory(db: DbOrTx, actor: Actor, id: string) {
  const [row] = await db
    .select({ id: workReports.id })
    .from(workReports)
    .where(and(recordCondition(actor, scopedReports, id), visibleToActor(actor)));
  if (!row) throw notFound();
  return { items: await listHistory(db, WORK_REPORT, id) };
}

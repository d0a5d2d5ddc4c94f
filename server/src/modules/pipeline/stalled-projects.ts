// Stalled-project alerts (PRJ-11): an open project with no stage change and no follow-up for N days (settings row 3,
// `stalledDays`) tells its owner — once per stage. The alert is due again only after the project changes stage:
// `stalled_alerted_at` older than `stage_entered_at` means "not yet alerted in this stage", so whoever moves the
// stage needs to reset nothing. The alert is a reminder due at once, delivered by the reminder service (in-app, and by
// e-mail per the owner's preference); its dedupe key names the stage entry, the same once-per-stage rule. The clock is
// a parameter, as in every time rule.
import { sql } from 'drizzle-orm';
import { DEFAULT_STALLED_DAYS, PROJECT_STALLED_NOTIFICATION } from '@openpsm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import { scheduleReminders } from '../../platform/reminders/reminders.service';
import { getProjectSettings } from '../project-insight/project-settings.service';

const DAY_MS = 86_400_000;
/** Alerts per run and transaction: a first run over a large backlog commits in slices instead of one long lock. */
const BATCH = 500;

/** N from the project settings (settings row 3, administered by project-insight). */
export async function stalledDays(db: DbOrTx): Promise<number> {
  const value = Number((await getProjectSettings(db)).stalledDays);
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_STALLED_DAYS;
}

type StalledRow = {
  id: string;
  number: string;
  name: string;
  owner_id: string;
  stage_entered_at: string | Date;
  last_activity_at: string | Date | null;
  stage_name_zh: string;
  stage_name_en: string;
};

/** Schedules the due alerts (the job delivers them at once); returns how many projects were flagged. */
export async function processStalledProjects(db: Db, now = new Date()): Promise<{ alerted: number; days: number }> {
  const days = await stalledDays(db);
  const cutoff = new Date(now.getTime() - days * DAY_MS).toISOString();
  let alerted = 0;
  for (;;) {
    const count = await db.transaction(async (tx) => {
      // skip locked: a project being edited right now is looked at on the next run; two runs never alert twice.
      const due = await tx.execute<StalledRow>(sql`
        select p.id, p.number, p.name, p.owner_id, p.stage_entered_at, p.last_activity_at,
               s.name_zh as stage_name_zh, s.name_en as stage_name_en
        from projects p join sales_stages s on s.id = p.stage_id
        where p.status = 'open' and p.deleted_at is null and p.owner_id is not null
          and p.stage_entered_at < ${cutoff}::timestamptz
          and (p.last_activity_at is null or p.last_activity_at < ${cutoff}::timestamptz)
          and (p.stalled_alerted_at is null or p.stalled_alerted_at < p.stage_entered_at)
        order by p.stage_entered_at
        limit ${BATCH}
        for update of p skip locked`);
      if (due.rows.length === 0) return 0;
      const ids = due.rows.map((row) => row.id);
      await tx.execute(sql`update projects set stalled_alerted_at = ${now.toISOString()}::timestamptz
        where id = any(${`{${ids.join(',')}}`}::uuid[])`);
      await scheduleReminders(
        tx,
        due.rows.map((row) => {
          const lastMove = Math.max(new Date(row.stage_entered_at).getTime(), row.last_activity_at ? new Date(row.last_activity_at).getTime() : 0);
          const stageEnteredAt = new Date(row.stage_entered_at).toISOString();
          return {
            userId: row.owner_id,
            kind: PROJECT_STALLED_NOTIFICATION,
            recordType: 'project',
            recordId: row.id,
            dueAt: now,
            dedupeKey: `${PROJECT_STALLED_NOTIFICATION}|${row.id}|${row.owner_id}|${stageEnteredAt}`,
            params: {
              projectId: row.id,
              number: row.number,
              name: row.name,
              days: Math.floor((now.getTime() - lastMove) / DAY_MS),
              stageNameZh: row.stage_name_zh,
              stageNameEn: row.stage_name_en,
            },
            link: `/projects/${row.id}`,
          };
        }),
      );
      return due.rows.length;
    });
    alerted += count;
    if (count < BATCH) break;
  }
  return { alerted, days };
}

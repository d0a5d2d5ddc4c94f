// Demo follow-ups (issue 6): about three months of done activities in Chinese by the demo sales people on their own
// customers and projects — visits, calls, WeChat, demos, meetings, dinners with content, outcome and next step — some
// with a field check-in near the customer's city; plans for the next two weeks; tasks open, overdue and done. Each
// customer's and project's series of follow-ups ends on the day of the last activity the earlier demo loaders gave it
// (the neglected customer of the pool demo stays neglected, stalled projects stay stalled), and at the end the
// organisations', projects' and contacts' last_activity_at are set from the activities, so they agree. Rows are built in
// memory and written in a few set-based statements.
import { and, getTableColumns, isNotNull, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { users } from '../platform/org-structure/org-structure.table';
import { activities, activityContacts, tasks } from '../modules/activities/activities.table';
import { contacts } from '../modules/contacts/contacts.table';
import { organizations } from '../modules/organizations/organizations.table';
import { projects } from '../modules/projects/projects.table';
import { cityPositions, customerTexts, peerTexts, plannedTexts, projectTexts, regionPositions, type ActivityText } from './demo-activity-texts';

const DAY = 86_400_000;
/** How far back the follow-ups go. */
const HISTORY_DAYS = 92;
/** A customer whose last follow-up is older than this is neglected on purpose (the pool demo): nothing newer is made up. */
const NEGLECTED_DAYS = 30;

type ActivityInsert = typeof activities.$inferInsert;
type TaskInsert = typeof tasks.$inferInsert;
type Org = { id: string; name: string; shortName: string | null; type: string; region: string | null; ownerId: string; lastActivityAt: Date | null };
type Project = { id: string; name: string; organizationId: string; ownerId: string; status: string; createdAt: Date; lastActivityAt: Date | null };
type Contact = { id: string; name: string; organizationId: string };

/** A small seeded random, so the demo is the same on every start. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (probability: number) => next() < probability,
  };
}
type Random = ReturnType<typeof seededRandom>;

/** A working-day time in Shanghai (UTC+8): `daysAgo` days before `now`, moved off weekends, at hour:minute local. */
function workTime(now: Date, daysAgo: number, hour: number, minute: number): Date {
  const local = new Date(now.getTime() + 8 * 3_600_000 - daysAgo * DAY);
  const weekday = local.getUTCDay();
  const shift = weekday === 6 ? 1 : weekday === 0 ? 2 : 0;
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - shift, hour - 8, minute));
}

/**
 * The anchor of a series moved into working hours of its own day (the earlier loaders date by the clock of the start):
 * a follow-up at 21:43 would read oddly. Kept when the move would leave the allowed span.
 */
function inWorkingHours(anchor: Date, random: Random, notBefore: Date, now: Date): Date {
  const local = new Date(anchor.getTime() + 8 * 3_600_000);
  const moved = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), random.int(9, 16) - 8, random.pick([0, 15, 30, 45])));
  return moved < notBefore || moved > now ? anchor : moved;
}

const durations: Record<string, number | null> = { visit: 100, call: 15, wechat: null, email: null, meeting: 120, demo: 120, dinner: 150 };
const projectTypes = ['visit', 'visit', 'visit', 'call', 'call', 'wechat', 'wechat', 'meeting', 'demo', 'email', 'dinner'];
const customerTypes = ['visit', 'visit', 'call', 'call', 'call', 'wechat', 'wechat', 'meeting', 'email', 'dinner', 'demo'];

function positionOf(org: Org): [number, number] {
  const byName = cityPositions.find(([word]) => org.name.includes(word));
  if (byName) return [byName[1], byName[2]];
  return regionPositions[org.region ?? 'east'] ?? regionPositions.east!;
}

const fill = (text: string, values: { org: string; contact: string; project: string }) =>
  text.replaceAll('{org}', values.org).replaceAll('{contact}', values.contact).replaceAll('{project}', values.project);

type Built = { activities: ActivityInsert[]; links: { activityId: string; contactId: string }[]; tasks: TaskInsert[] };

/**
 * One series of follow-ups ending exactly at `anchor` and going back in steps of `gap` days to `from`: each a done
 * activity of `ownerId`; the latest's next step becomes an open task (overdue when its date has passed), an earlier
 * one's a task done by the next follow-up.
 */
function buildSeries(
  built: Built,
  random: Random,
  now: Date,
  input: { org: Org; project: Project | null; ownerId: string; anchor: Date; from: Date; gap: [number, number]; contacts: Contact[] },
) {
  const { org, project, ownerId, anchor, from, contacts: people } = input;
  const times: Date[] = [anchor];
  for (let at = anchor; ; ) {
    const daysBack = random.int(input.gap[0], input.gap[1]);
    at = workTime(new Date(at.getTime() - daysBack * DAY), 0, random.int(9, 16), random.pick([0, 15, 30, 45]));
    if (at < from || times.length >= 8) break;
    times.unshift(at);
  }
  const position = positionOf(org);
  const texts = org.type === 'competitor' || org.type === 'partner' ? null : project ? projectTexts : customerTexts;
  times.forEach((startsAt, index) => {
    const last = index === times.length - 1;
    const type = texts ? random.pick(project ? projectTypes : customerTypes) : 'meeting';
    const text: ActivityText = texts ? random.pick(texts[type] ?? texts.visit!) : random.pick(peerTexts);
    const met = people.length > 0 ? [random.pick(people)] : [];
    if (met.length > 0 && type === 'meeting' && people.length > 1 && random.chance(0.5)) met.push(people.find((person) => person.id !== met[0]!.id)!);
    const values = { org: org.shortName ?? org.name, contact: met[0]?.name ?? '对方负责人', project: project?.name ?? '' };
    const minutes = durations[type] ?? null;
    const endsAt = minutes ? new Date(startsAt.getTime() + minutes * 60_000) : null;
    const id = crypto.randomUUID();
    const activity: ActivityInsert = {
      id,
      type,
      status: 'done',
      subject: fill(text[0], values),
      startsAt,
      endsAt,
      organizationId: org.id,
      projectId: project?.id ?? null,
      content: fill(text[1], values),
      outcome: fill(text[2], values),
      nextStep: text[3] ? fill(text[3], values) : null,
      ownerId,
      createdBy: ownerId,
      doneAt: endsAt ?? startsAt,
      createdAt: new Date((endsAt ?? startsAt).getTime() + random.int(5, 240) * 60_000),
    };
    activity.updatedAt = activity.createdAt;
    // In the field in the last six weeks: most visits checked in, most of those with the position (consent given).
    const inField = ['visit', 'demo', 'dinner', 'meeting'].includes(type) && now.getTime() - startsAt.getTime() < 45 * DAY;
    if (inField && endsAt && random.chance(0.7)) {
      const consent = random.chance(0.8);
      const jitter = () => (random.next() - 0.5) * 0.06;
      activity.checkinAt = new Date(startsAt.getTime() - random.int(2, 12) * 60_000);
      activity.checkoutAt = new Date(endsAt.getTime() + random.int(1, 10) * 60_000);
      if (consent) {
        activity.checkinLatitude = (position[0] + jitter()).toFixed(6);
        activity.checkinLongitude = (position[1] + jitter()).toFixed(6);
        activity.checkinAccuracy = random.int(8, 65);
        activity.checkoutLatitude = (position[0] + jitter()).toFixed(6);
        activity.checkoutLongitude = (position[1] + jitter()).toFixed(6);
        activity.checkoutAccuracy = random.int(8, 65);
      }
    }
    if (activity.nextStep) {
      const nextAt = last ? new Date(startsAt.getTime() + random.int(3, 14) * DAY) : times[index + 1]!;
      // Old series (a stalled project) keep their next step as text: nobody set a date.
      const dated = !last || now.getTime() - startsAt.getTime() < 21 * DAY;
      if (dated && (last || random.chance(0.5))) {
        const taskId = crypto.randomUUID();
        activity.nextAt = nextAt;
        activity.nextTaskId = taskId;
        const done = !last;
        built.tasks.push({
          id: taskId,
          title: activity.nextStep,
          dueAt: nextAt,
          remindAt: nextAt,
          priority: project ? 'high' : 'normal',
          status: done ? 'done' : 'open',
          doneAt: done ? new Date(nextAt.getTime() - random.int(1, 48) * 3_600_000) : null,
          assigneeId: ownerId,
          createdBy: ownerId,
          organizationId: org.id,
          projectId: project?.id ?? null,
          contactId: met[0]?.id ?? null,
          activityId: id,
          createdAt: activity.createdAt,
          updatedAt: activity.createdAt,
        });
      }
    }
    built.activities.push(activity);
    for (const person of met) built.links.push({ activityId: id, contactId: person.id });
  });
}

/** Plans in the next two weeks: two or three per person, on their customers (most on those with open projects). */
function buildPlans(built: Built, random: Random, now: Date, owners: Map<string, Org[]>, openProjects: Map<string, Project[]>) {
  for (const [ownerId, orgs] of owners) {
    const customers = orgs.filter((org) => org.type !== 'competitor');
    if (customers.length === 0) continue;
    const count = random.int(2, 3);
    for (let index = 0; index < count; index += 1) {
      const withProject = customers.filter((org) => (openProjects.get(org.id) ?? []).some((project) => project.ownerId === ownerId));
      const org = random.pick(withProject.length > 0 && random.chance(0.7) ? withProject : customers);
      const project = (openProjects.get(org.id) ?? []).find((candidate) => candidate.ownerId === ownerId) ?? null;
      const type = random.pick(Object.keys(plannedTexts));
      let startsAt = workTime(now, -random.int(1, 13), random.int(9, 16), random.pick([0, 30]));
      // Moved off a weekend onto a Friday that has passed: the Monday after.
      if (startsAt <= now) startsAt = new Date(startsAt.getTime() + 3 * DAY);
      const minutes = durations[type] ?? 60;
      built.activities.push({
        id: crypto.randomUUID(),
        type,
        status: 'planned',
        subject: fill(random.pick(plannedTexts[type]!), { org: org.shortName ?? org.name, contact: '', project: project?.name ?? '' }),
        startsAt,
        endsAt: new Date(startsAt.getTime() + minutes * 60_000),
        organizationId: org.id,
        projectId: project?.id ?? null,
        ownerId,
        createdBy: ownerId,
        createdAt: new Date(now.getTime() - random.int(1, 72) * 3_600_000),
        updatedAt: now,
      });
    }
  }
}

/** Tasks a manager gave a report (the "assigned by me" list is not empty): one open per rep with a manager. */
async function buildAssignedTasks(db: DbOrTx, built: Built, random: Random, now: Date) {
  const reps = await db.select({ id: users.id, managerId: users.managerId }).from(users).where(and(isNotNull(users.managerId), sql`${users.position} = 'rep'`));
  const titles = ['整理本月重点客户拜访计划', '更新负责项目的阶段与预计签约日期', '收集华东区竞品最新报价', '准备季度经营分析会材料'];
  for (const rep of reps) {
    const dueAt = new Date(now.getTime() + random.int(2, 6) * DAY);
    built.tasks.push({
      id: crypto.randomUUID(),
      title: random.pick(titles),
      description: '请在截止日前完成并在周报中说明。',
      dueAt,
      remindAt: dueAt,
      priority: 'normal',
      status: 'open',
      assigneeId: rep.id,
      createdBy: rep.managerId!,
      createdAt: new Date(now.getTime() - random.int(1, 3) * DAY),
      updatedAt: now,
    });
  }
}

/**
 * Inserts rows as one JSON parameter (json_populate_recordset): hundreds of rows of thirty columns as bound parameters
 * cost the embedded engine far more than parsing one document. Keys become the table's column names.
 */
async function insertRows(db: DbOrTx, table: typeof activities | typeof tasks | typeof activityContacts, rows: Record<string, unknown>[]) {
  if (rows.length === 0) return;
  const columns = Object.entries(getTableColumns(table));
  const records = rows.map((row) => Object.fromEntries(columns.filter(([key]) => row[key] !== undefined).map(([key, column]) => [column.name, row[key]])));
  const names = sql.join(
    columns.filter(([key]) => rows.some((row) => row[key] !== undefined)).map(([, column]) => sql.identifier(column.name)),
    sql`, `,
  );
  await db.execute(sql`insert into ${table} (${names}) select ${names} from json_populate_recordset(null::${table}, ${JSON.stringify(records)}::json)`);
}

export async function loadDemoActivities(db: DbOrTx, now = new Date()): Promise<void> {
  const random = seededRandom(20_260_601);
  const orgs = (await db
    .select({ id: organizations.id, name: organizations.name, shortName: organizations.shortName, type: organizations.type, region: organizations.region, ownerId: organizations.ownerId, lastActivityAt: organizations.lastActivityAt })
    .from(organizations)
    .where(and(isNull(organizations.deletedAt), isNotNull(organizations.ownerId)))
    .orderBy(organizations.number)) as Org[];
  const projectRows = (await db
    .select({ id: projects.id, name: projects.name, organizationId: projects.organizationId, ownerId: projects.ownerId, status: projects.status, createdAt: projects.createdAt, lastActivityAt: projects.lastActivityAt })
    .from(projects)
    .where(and(isNull(projects.deletedAt), isNotNull(projects.ownerId)))
    .orderBy(projects.number)) as Project[];
  const contactRows = await db.select({ id: contacts.id, name: contacts.name, organizationId: contacts.organizationId }).from(contacts).where(isNull(contacts.deletedAt)).orderBy(contacts.number);
  const contactsOf = new Map<string, Contact[]>();
  for (const contact of contactRows) contactsOf.set(contact.organizationId, [...(contactsOf.get(contact.organizationId) ?? []), contact]);
  const orgById = new Map(orgs.map((org) => [org.id, org]));

  const built: Built = { activities: [], links: [], tasks: [] };
  const from = new Date(now.getTime() - HISTORY_DAYS * DAY);
  const neglected = (org: Org) => org.lastActivityAt !== null && now.getTime() - org.lastActivityAt.getTime() > NEGLECTED_DAYS * DAY;
  const owners = new Map<string, Org[]>();
  for (const org of orgs) {
    owners.set(org.ownerId, [...(owners.get(org.ownerId) ?? []), org]);
    const anchor = org.lastActivityAt ? inWorkingHours(org.lastActivityAt, random, from, now) : workTime(now, random.int(1, 20), random.int(9, 16), 0);
    const gap: [number, number] = org.type === 'competitor' ? [30, 45] : [10, 24];
    buildSeries(built, random, now, { org, project: null, ownerId: org.ownerId, anchor, from, gap, contacts: contactsOf.get(org.id) ?? [] });
  }
  const openProjects = new Map<string, Project[]>();
  for (const project of projectRows) {
    const org = orgById.get(project.organizationId);
    if (!org || !project.lastActivityAt) continue;
    if (project.status === 'open') openProjects.set(org.id, [...(openProjects.get(org.id) ?? []), project]);
    // A neglected customer's projects were not followed up after the customer was.
    const start = new Date(Math.max(from.getTime(), project.createdAt.getTime()));
    const last = neglected(org) && project.lastActivityAt > org.lastActivityAt! ? new Date(org.lastActivityAt!.getTime() - 2 * DAY) : project.lastActivityAt;
    const anchor = inWorkingHours(last, random, project.createdAt, now);
    buildSeries(built, random, now, { org, project, ownerId: project.ownerId, anchor, from: start, gap: [6, 18], contacts: contactsOf.get(org.id) ?? [] });
  }
  buildPlans(built, random, now, owners, openProjects);
  await buildAssignedTasks(db, built, random, now);

  await insertRows(db, activities, built.activities);
  await insertRows(db, activityContacts, built.links);
  await insertRows(db, tasks, built.tasks);

  // History lines, reminders and last-activity dates, each one statement over what was just written.
  await db.execute(sql`insert into record_history (record_type, record_id, action, actor_id, changes, at)
    select 'activity', a.id, 'create', a.created_by,
           jsonb_build_array(jsonb_build_object('field', 'type', 'old', null, 'new', a.type), jsonb_build_object('field', 'subject', 'old', null, 'new', a.subject)), a.created_at
      from activities a`);
  await db.execute(sql`insert into record_history (record_type, record_id, action, actor_id, changes, at)
    select 'task', t.id, 'create', t.created_by, jsonb_build_array(jsonb_build_object('field', 'title', 'old', null, 'new', t.title)), t.created_at
      from tasks t`);
  // Reminders as the services schedule them: open tasks at their reminder time, plans 15 minutes before they start.
  await db.execute(sql`insert into reminders (user_id, kind, record_type, record_id, due_at, params, link, created_at)
    select t.assignee_id, 'reminder.task_due', 'task', t.id, t.remind_at,
           jsonb_build_object('title', t.title, 'dueAt', to_char(t.due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
             'organizationName', (select o.name from organizations o where o.id = t.organization_id),
             'projectName', (select p.name from projects p where p.id = t.project_id)),
           '/tasks?open=' || t.id, t.created_at
      from tasks t where t.status = 'open' and t.remind_at > ${now.toISOString()}::timestamptz`);
  await db.execute(sql`insert into reminders (user_id, kind, record_type, record_id, due_at, params, link, created_at)
    select a.owner_id, 'reminder.activity_planned', 'activity', a.id, a.starts_at - interval '15 minutes',
           jsonb_build_object('subject', a.subject, 'type', a.type, 'allDay', a.all_day,
             'startsAt', to_char(a.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
             'organizationName', (select o.name from organizations o where o.id = a.organization_id),
             'projectName', (select p.name from projects p where p.id = a.project_id)),
           '/activities/' || a.id, a.created_at
      from activities a where a.status = 'planned'`);
  await db.execute(sql`update organizations o set last_activity_at = x.at
      from (select organization_id, max(starts_at) as at from activities where status = 'done' group by organization_id) x
     where o.id = x.organization_id`);
  await db.execute(sql`update projects p set last_activity_at = x.at
      from (select project_id, max(starts_at) as at from activities where status = 'done' and project_id is not null group by project_id) x
     where p.id = x.project_id`);
  await db.execute(sql`update contacts c set last_activity_at = x.at
      from (select ac.contact_id, max(a.starts_at) as at from activity_contacts ac join activities a on a.id = ac.activity_id
             where a.status = 'done' group by ac.contact_id) x
     where c.id = x.contact_id`);
}

// Automatic return to the pool (CUS-5), run daily by the pool-returns job. Set-based SQL: one statement per batch
// finds the due organisations, moves them, writes their pool moves, history lines and notifications, so 200,000
// organisations cost a few scans rather than a query each.
//
// The clocks of an owned organisation, under the rules of the pool it came from (else its owner's pool):
//   follow-up: latest of last_activity_at and owned_since (created_at when never assigned) + noFollowUpDays
//   deal:      latest of last_deal_at and owned_since (created_at)                       + noDealDays
// The return falls due at the earlier one. warningDays before it (on the day itself when no warning days are
// set) the owner gets ONE warning; the return happens only once a warning of the current cycle was sent, and
// no sooner than warningDays after it — a job that was down for a week still gives the full notice.
// A follow-up moves the clocks on, so a warning from before it no longer counts and a later return warns again.
// The warning is a reminder due at once, delivered by the reminder service (in-app, and by e-mail per the owner's
// preference); the return notice itself is a plain notification.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { NOTIFY_CHANNEL } from '../../platform/notify/notifications.service';
import { scheduleReminders } from '../../platform/reminders/reminders.service';
import { poolIdOfUser } from './pool-membership';

const BATCH = 2000;

/** Every owned, live organisation under a pool with a return rule, with its due time and the rule that sets it. */
function clocks(now: Date) {
  return sql`
    owner_pools as (select u.id as user_id, ${poolIdOfUser(sql`u.id`)} as pool_id from users u),
    clocks as (
      select o.id, o.name, o.owner_id, o.pool_warned_at, p.id as pool_id,
        coalesce(p.warning_days, 0) * interval '1 day' as warning,
        greatest(o.last_activity_at, coalesce(o.owned_since, o.created_at)) + p.no_follow_up_days * interval '1 day' as follow_up_due,
        greatest(o.last_deal_at, coalesce(o.owned_since, o.created_at)) + p.no_deal_days * interval '1 day' as deal_due
      from organizations o
      join owner_pools op on op.user_id = o.owner_id
      join customer_pools p on p.id = coalesce(
        (select cp.id from customer_pools cp where cp.id = o.pool_id and cp.active), op.pool_id)
      where o.owner_id is not null and o.deleted_at is null
        and (p.no_follow_up_days is not null or p.no_deal_days is not null)),
    due as (
      select c.*, least(c.follow_up_due, c.deal_due) as return_at,
        case when c.deal_due is null or c.follow_up_due <= c.deal_due then 'no_follow_up' else 'no_deal' end as rule
      from clocks c
      where least(c.follow_up_due, c.deal_due) - c.warning <= ${now.toISOString()}::timestamptz)`;
}

/** Sends the pushed copy of each new notification, as notify() does for single ones. */
const pushNotes = sql`(select count(pg_notify(${NOTIFY_CHANNEL}, json_build_object('userId', n.user_id, 'notification',
  json_build_object('id', n.id, 'kind', n.kind, 'params', n.params, 'link', n.link, 'readAt', null, 'createdAt', n.created_at))::text)) from notes n)`;

async function returnBatch(db: DbOrTx, now: Date): Promise<number> {
  const at = now.toISOString();
  const result = await db.execute<{ returned: string | number }>(sql`
    with ${clocks(now)},
    chosen as (
      select * from due d
      where d.return_at <= ${at}::timestamptz
        and d.pool_warned_at is not null
        and d.pool_warned_at >= d.return_at - d.warning
        and d.pool_warned_at < ${at}::timestamptz
        and d.pool_warned_at + d.warning <= ${at}::timestamptz
      limit ${BATCH}),
    moved as (
      update organizations o
      set owner_id = null, pool_id = c.pool_id, pooled_at = ${at}::timestamptz, owned_since = null, pool_warned_at = null,
          version = o.version + 1, updated_at = ${at}::timestamptz
      from chosen c
      where o.id = c.id and o.owner_id = c.owner_id
      returning o.id, o.name, c.owner_id, c.pool_id, c.rule),
    moves as (
      insert into pool_moves (organization_id, pool_id, action, user_id, reason, at)
      select id, pool_id, 'return', owner_id, rule, ${at}::timestamptz from moved),
    history as (
      insert into record_history (record_type, record_id, action, actor_id, changes, note, at)
      select 'organization', id, 'pool.return', null,
        jsonb_build_array(jsonb_build_object('field', 'ownerId', 'old', owner_id, 'new', null)), rule, ${at}::timestamptz
      from moved),
    notes as (
      insert into notifications (user_id, kind, params, link)
      select owner_id, 'pool.returned', jsonb_build_object('organizationName', name, 'reason', rule), '/pool'
      from moved
      returning id, user_id, kind, params, link, created_at)
    select (select count(*) from moved) as returned, ${pushNotes} as pushed`);
  return Number(result.rows[0]?.returned ?? 0);
}

export const POOL_RETURN_WARNING = 'pool.return_warning';

type WarnedRow = { id: string; name: string; owner_id: string; rule: string; return_at: string };

async function warnBatch(db: DbOrTx, now: Date): Promise<number> {
  const at = now.toISOString();
  // The mark and the reminder commit together: a warning is either recorded and on its way, or neither.
  return db.transaction(async (tx) => {
    const marked = await tx.execute<WarnedRow>(sql`
      with ${clocks(now)},
      chosen as (
        select * from due d
        where d.pool_warned_at is null or d.pool_warned_at < d.return_at - d.warning
        limit ${BATCH}),
      marked as (
        update organizations o set pool_warned_at = ${at}::timestamptz
        from chosen c
        where o.id = c.id and o.owner_id = c.owner_id
        returning o.id, o.name, c.owner_id, greatest(c.return_at, ${at}::timestamptz + c.warning) as return_at, c.rule)
      select id, name, owner_id, rule, to_char(return_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as return_at from marked`);
    await scheduleReminders(
      tx,
      marked.rows.map((row) => ({
        userId: row.owner_id,
        kind: POOL_RETURN_WARNING,
        recordType: 'organization',
        recordId: row.id,
        dueAt: now,
        params: { organizationName: row.name, reason: row.rule, returnAt: row.return_at },
        link: `/organizations/${row.id}`,
        // pool_warned_at keeps it to one warning per cycle; the key names which warning this is.
        dedupeKey: `${POOL_RETURN_WARNING}|${row.id}|${row.owner_id}|${at}`,
      })),
    );
    return marked.rows.length;
  });
}

/**
 * Returns the organisations whose time is up (and that were warned), then warns the owners of those whose time
 * is near. Returns first, so a warning and the return it announces never happen in the same run.
 */
export async function processPoolReturns(db: DbOrTx, now = new Date()): Promise<{ returned: number; warned: number }> {
  let returned = 0;
  for (let count = BATCH; count === BATCH; returned += count) count = await returnBatch(db, now);
  let warned = 0;
  for (let count = BATCH; count === BATCH; warned += count) count = await warnBatch(db, now);
  return { returned, warned };
}

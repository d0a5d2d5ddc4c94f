// Demo data for the public pool and lead hand-over: a company pool and the East region's pool with their rules,
// twenty customers waiting in them (some given up by a rep, some returned by the job), follow-up dates on the
// owned customers so the return clocks start from something real, and two leads waiting for an answer.
import { eq, inArray, sql } from 'drizzle-orm';
import type { OrganizationType } from '@openpsm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import { systemActor } from '../../platform/access/actor';
import { writeHistory } from '../../platform/audit/history.service';
import { nextNumber } from '../../platform/config/numbering.service';
import { departments, users } from '../../platform/org-structure/org-structure.table';
import { nameSearchKeys } from '../organizations/organizations.service';
import { organizations } from '../organizations/organizations.table';
import { handOverLead } from './lead-handover.service';
import { customerPools, poolMoves } from './pool.table';

const DAY = 86_400_000;

type PoolCustomer = [name: string, type: OrganizationType, industry: string, region: string, scale: string, pool: 'east' | 'company', daysInPool: number, lastOwner: string | null, how: 'release' | 'return'];

const poolCustomers: PoolCustomer[] = [
  ['上海化学工业区供水有限公司', 'owner', 'water', 'east', 'medium', 'east', 3, 'liming', 'release'],
  ['上海金山石化热电有限公司', 'owner', 'power', 'east', 'large', 'east', 12, 'zhangwei', 'return'],
  ['上海松江污水处理厂', 'owner', 'water', 'east', 'small', 'east', 40, null, 'release'],
  ['苏州工业园区北部燃机热电有限公司', 'owner', 'power', 'east', 'medium', 'east', 6, 'xutao', 'return'],
  ['常州市排水管理处', 'owner', 'water', 'east', 'small', 'east', 25, null, 'release'],
  ['镇江索普化工新发展有限公司', 'owner', 'petrochemical', 'east', 'large', 'east', 2, 'xutao', 'release'],
  ['南通醋酸纤维有限公司', 'owner', 'petrochemical', 'east', 'large', 'east', 60, null, 'release'],
  ['江苏沙钢集团有限公司', 'owner', 'metallurgy', 'east', 'huge', 'east', 9, 'liming', 'return'],
  ['浙江省天然气开发有限公司', 'owner', 'petrochemical', 'east', 'medium', 'east', 17, null, 'release'],
  ['合肥市供水集团有限公司', 'owner', 'water', 'east', 'large', 'east', 33, 'zhangwei', 'release'],
  ['安徽马钢设备检修有限公司', 'supplier', 'metallurgy', 'east', 'medium', 'east', 4, null, 'release'],
  ['上海建工七建集团有限公司', 'general_contractor', 'building', 'east', 'large', 'east', 21, null, 'release'],
  ['河北敬业钢铁有限公司', 'owner', 'metallurgy', 'north', 'large', 'company', 8, 'hegang', 'return'],
  ['大连港集团有限公司', 'owner', 'machinery', 'northeast', 'huge', 'company', 45, null, 'release'],
  ['青岛水务集团有限公司', 'owner', 'water', 'north', 'large', 'company', 14, 'majing', 'release'],
  ['郑州煤矿机械集团股份有限公司', 'supplier', 'machinery', 'central', 'large', 'company', 30, null, 'release'],
  ['长沙市轨道交通集团有限公司', 'owner', 'rail', 'central', 'large', 'company', 5, null, 'release'],
  ['昆明钢铁控股有限公司', 'owner', 'metallurgy', 'southwest', 'large', 'company', 70, null, 'release'],
  ['厦门水务集团有限公司', 'owner', 'water', 'south', 'medium', 'company', 11, 'linna', 'return'],
  ['海南炼化有限公司', 'owner', 'petrochemical', 'south', 'large', 'company', 19, null, 'release'],
];

const releaseReasons = ['客户近期无采购计划', '客户已选定其他供应商，暂无机会', '区域调整，移交公海', '联系人离职，需重新开发'];

export async function loadDemoPool(db: DbOrTx): Promise<void> {
  const now = Date.now();
  const people = await db.select({ id: users.id, username: users.username, name: users.displayName }).from(users);
  const user = (username: string) => people.find((person) => person.username === username)!;
  const [east] = await db.select({ id: departments.id }).from(departments).where(eq(departments.name, '华东大区'));
  const [companyPool] = await db
    .insert(customerPools)
    .values({ name: '公司公海', departmentId: null, maxOwnedPerRep: 80, noFollowUpDays: 60, noDealDays: 180, warningDays: 7, dailyClaimLimit: 5, reclaimCooldownDays: 30 })
    .returning({ id: customerPools.id });
  const [eastPool] = await db
    .insert(customerPools)
    .values({ name: '华东大区公海', departmentId: east!.id, maxOwnedPerRep: 60, noFollowUpDays: 45, noDealDays: 120, warningDays: 5, dailyClaimLimit: 3, reclaimCooldownDays: 15 })
    .returning({ id: customerPools.id });
  const poolIds = { company: companyPool!.id, east: eastPool!.id };

  // Owned customers: a recent follow-up and an ownership date, so tonight's return job starts from a lived-in state;
  // one of 李明's was last followed up 42 days ago and gets its warning (East: return after 45, warn 5 before).
  await db.execute(sql`
    update organizations set
      last_activity_at = now() - ((abs(hashtext(id::text)) % 20) + 1) * interval '1 day',
      owned_since = now() - ((abs(hashtext(id::text)) % 90) + 10) * interval '1 day'
    where owner_id is not null`);
  await db
    .update(organizations)
    .set({ lastActivityAt: new Date(now - 42 * DAY), ownedSince: new Date(now - 200 * DAY) })
    .where(eq(organizations.name, '上海城投水务（集团）有限公司'));

  for (const [index, [name, type, industry, region, scale, pool, daysInPool, lastOwner, how]] of poolCustomers.entries()) {
    const pooledAt = new Date(now - daysInPool * DAY - (index % 5) * 3_600_000);
    const createdAt = new Date(pooledAt.getTime() - (120 + index * 7) * DAY);
    const [row] = await db
      .insert(organizations)
      .values({
        number: await nextNumber(db, 'organization', createdAt),
        name,
        ...nameSearchKeys(name),
        type,
        industry,
        region,
        scale,
        source: index % 3 === 0 ? 'tender_notice' : 'exhibition',
        stage: index % 4 === 0 ? 'dormant' : 'identified',
        ownerId: null,
        poolId: poolIds[pool],
        pooledAt,
        createdAt,
        updatedAt: pooledAt,
      })
      .returning({ id: organizations.id });
    const id = row!.id;
    await writeHistory(db, null, { recordType: 'organization', recordId: id, action: 'create', at: createdAt, changes: [{ field: 'name', old: null, new: name }] });
    if (!lastOwner) continue;
    const owner = user(lastOwner);
    const reason = how === 'return' ? 'no_follow_up' : releaseReasons[index % releaseReasons.length]!;
    await db.insert(poolMoves).values({ organizationId: id, poolId: poolIds[pool], action: how, userId: owner.id, actorId: how === 'release' ? owner.id : null, reason, at: pooledAt });
    await writeHistory(db, how === 'release' ? { ...systemActor(owner.id), username: owner.username } : null, {
      recordType: 'organization',
      recordId: id,
      action: `pool.${how}`,
      changes: [{ field: 'ownerId', old: owner.id, new: null }],
      note: reason,
      at: pooledAt,
    });
  }

  // Two leads waiting for an answer: the East manager hands a rail customer to 李明, the South manager a design
  // institute to 林娜. The hand-over runs its own transaction: inside the seeding one, a savepoint.
  const leads: [from: string, to: string, organization: string, hours: number, note: string][] = [
    ['chenhui', 'liming', '宁波市轨道交通集团有限公司', 30, '宁波轨交 5 号线二期水泵招标，李明熟悉上海地铁项目，请接手跟进。'],
    ['huangmin', 'linna', '中国市政工程中南设计研究总院有限公司', 44, '中南院负责广州北部水厂设计，林娜在广州，请接手。'],
  ];
  const named = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.name, leads.map(([, , organization]) => organization)));
  for (const [from, to, organization, hours, note] of leads) {
    const target = named.find((candidate) => candidate.name === organization);
    if (!target) continue;
    const sender = user(from);
    await handOverLead(db as Db, { ...systemActor(sender.id), username: sender.username, displayName: sender.name }, target.id, { toUserId: user(to).id, note, hours });
  }
}

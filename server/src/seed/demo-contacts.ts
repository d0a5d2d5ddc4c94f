// Demo contacts (CUS-2): two to five people at every demo organisation, with titles, buying roles, attitudes and
// relationship levels; some birthdays (one today, one in three days, so the reminders have something to say) and a
// couple of job changes. Batched inserts: the demo loads in well under a second.
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { recordHistory } from '../platform/audit/audit.table';
import { nextNumber } from '../platform/config/numbering.service';
import { companyTimeZone, zonedDateTime } from '../platform/config/settings.service';
import { contactPositions, contacts } from '../modules/contacts/contacts.table';
import { nameSearchKeys } from '../modules/organizations/organizations.service';
import { organizations } from '../modules/organizations/organizations.table';

const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const givenNames = ['建国', '志强', '海燕', '晓东', '丽华', '国栋', '文静', '立新', '秀英', '永刚', '红梅', '振华', '雪梅', '德明', '春生', '玉兰', '宏伟', '慧敏', '俊杰', '桂芳', '卫东', '晨曦'];
const femaleNames = new Set(['海燕', '丽华', '文静', '秀英', '红梅', '雪梅', '玉兰', '慧敏', '桂芳', '晨曦']);

/** Who one meets at a customer, in the order a rep usually does: the coach first, the decision maker last. */
const people: { title: string; department: string; buyingRole: string }[] = [
  { title: '设备部部长', department: '设备部', buyingRole: 'technical_evaluator' },
  { title: '总经理', department: '总经理办公室', buyingRole: 'decision_maker' },
  { title: '采购经理', department: '采购部', buyingRole: 'procurement' },
  { title: '技术员', department: '设备部', buyingRole: 'coach' },
  { title: '财务总监', department: '财务部', buyingRole: 'finance' },
  { title: '车间主任', department: '生产部', buyingRole: 'user' },
  { title: '总工程师', department: '技术中心', buyingRole: 'technical_evaluator' },
];
const attitudes = ['supporter', 'neutral', 'supporter', 'neutral', 'opponent'];
const hobbies = ['钓鱼', '羽毛球', '书法', '登山', '象棋', '摄影', '喝茶', null];

const pad = (value: number) => String(value).padStart(2, '0');

export async function loadDemoContacts(db: DbOrTx, now = new Date()): Promise<void> {
  const orgRows = await db
    .select({ id: organizations.id, name: organizations.name, ownerId: organizations.ownerId, type: organizations.type, createdAt: organizations.createdAt })
    .from(organizations)
    .where(isNull(organizations.deletedAt))
    .orderBy(asc(organizations.number));
  type Row = typeof contacts.$inferInsert & { id: string; organizationId: string };
  const rows: Row[] = [];
  let serial = 0;
  // Month and day in the company's calendar, which the reminder job reads.
  const timeZone = await companyTimeZone(db);
  const monthDay = (instant: Date) => {
    const zoned = zonedDateTime(instant, timeZone);
    return `${pad(zoned.month)}-${pad(zoned.day === 29 && zoned.month === 2 ? 28 : zoned.day)}`;
  };
  const today = monthDay(now);
  const soon = monthDay(new Date(now.getTime() + 3 * 86_400_000));
  for (const [orgIndex, organization] of orgRows.entries()) {
    const count = organization.type === 'competitor' ? 2 : 2 + (orgIndex % 4);
    for (let slot = 0; slot < count; slot += 1) {
      serial += 1;
      const given = givenNames[(serial * 7) % givenNames.length]!;
      const name = `${surnames[(serial * 3 + orgIndex) % surnames.length]}${given}`;
      const person = people[(slot + orgIndex) % people.length]!;
      const createdAt = new Date(organization.createdAt.getTime() + (slot + 1) * 86_400_000);
      // Every third person has a birthday on file; the first of all has it today, the second in three days.
      const birthday = serial === 1 ? `1972-${today}` : serial === 2 ? `1979-${soon}` : serial % 3 === 0 ? `19${60 + (serial % 35)}-${pad((serial % 12) + 1)}-${pad((serial % 27) + 1)}` : null;
      rows.push({
        id: crypto.randomUUID(),
        number: await nextNumber(db, 'contact', createdAt),
        organizationId: organization.id,
        name,
        ...nameSearchKeys(name),
        gender: femaleNames.has(given) ? 'female' : 'male',
        title: person.title,
        department: person.department,
        mobile: `13${serial % 10}${String(10_000_000 + serial * 7919).slice(-8)}`,
        phone: slot === 0 ? null : `021-${String(50_000_000 + serial * 3571).slice(-8)}`,
        email: serial % 2 === 0 ? `contact${serial}@customer-demo.cn` : null,
        wechat: serial % 4 === 0 ? `wx_${nameSearchKeys(name).namePinyin}${serial}` : null,
        birthday,
        buyingRole: person.buyingRole,
        attitude: attitudes[(serial + orgIndex) % attitudes.length]!,
        relationshipLevel: (serial % 5) + 1,
        hobbies: hobbies[serial % hobbies.length] ?? null,
        familyNotes: serial % 5 === 0 ? '孩子今年高考，关注上海的大学。' : null,
        personalNotes: person.buyingRole === 'decision_maker' ? '注重长期合作和售后响应速度，不喜欢过度应酬。' : null,
        createdBy: organization.ownerId,
        createdAt,
        updatedAt: createdAt,
      });
    }
  }
  if (rows.length === 0) return;
  await db.insert(contacts).values(rows);
  await db.insert(contactPositions).values(rows.map((row) => ({ contactId: row.id, organizationId: row.organizationId, title: row.title, department: row.department, startedAt: row.createdAt })));
  const organizationName = new Map(orgRows.map((organization) => [organization.id, organization.name]));
  const ownerOf = new Map(orgRows.map((organization) => [organization.id, organization.ownerId]));
  await db.insert(recordHistory).values(
    rows.map((row) => ({
      recordType: 'contact',
      recordId: row.id,
      action: 'create',
      actorId: row.createdBy ?? null,
      at: row.createdAt!,
      changes: [
        { field: 'organization', old: null, new: organizationName.get(row.organizationId) ?? null },
        { field: 'name', old: null, new: row.name },
        { field: 'title', old: null, new: row.title ?? null },
      ],
    })),
  );
  await moveDemoContacts(db, rows, organizationName, ownerOf, now);
}

/** Two people changed jobs half a year ago: the old position stays in their job history. */
async function moveDemoContacts(db: DbOrTx, rows: { id: string; organizationId: string; title?: string | null }[], names: Map<string, string>, owners: Map<string, string | null>, now: Date) {
  const movedAt = new Date(now.getTime() - 180 * 86_400_000);
  const organizationIds = [...names.keys()];
  for (const [contactIndex, targetIndex, title] of [
    [3, 10, '副总经理'],
    [12, 4, '设备部部长'],
  ] as const) {
    const row = rows[contactIndex];
    const targetId = organizationIds[targetIndex];
    if (!row || !targetId || targetId === row.organizationId) continue;
    await db.update(contactPositions).set({ endedAt: movedAt }).where(and(eq(contactPositions.contactId, row.id), isNull(contactPositions.endedAt)));
    await db.insert(contactPositions).values({ contactId: row.id, organizationId: targetId, title, department: null, startedAt: movedAt });
    await db.update(contacts).set({ organizationId: targetId, title, department: null, version: 2, updatedAt: movedAt }).where(eq(contacts.id, row.id));
    await db.insert(recordHistory).values({
      recordType: 'contact',
      recordId: row.id,
      action: 'move',
      actorId: owners.get(targetId) ?? null,
      at: movedAt,
      changes: [
        { field: 'organization', old: names.get(row.organizationId) ?? null, new: names.get(targetId) ?? null },
        { field: 'organizationId', old: row.organizationId, new: targetId },
        { field: 'title', old: row.title ?? null, new: title },
      ],
    });
  }
}

// Demo ties (CUS-7): design institutes, suppliers, a parent and its subsidiaries, competitors and partners among the
// demo organisations; reporting lines, former colleagues and friends among their contacts; and a few of our reps who
// know someone — so the graph of 宝钢股份 is lived-in and 李明 → 宝钢's decision maker is a chain of ties.
import { and, asc, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { recordHistory } from '../platform/audit/audit.table';
import { users } from '../platform/org-structure/org-structure.table';
import { contacts } from '../modules/contacts/contacts.table';
import { organizations } from '../modules/organizations/organizations.table';
import { organizationTies, personTies } from '../modules/relationships/relationships.table';

type OrganizationTieSeed = [from: string, to: string, type: string, note: string | null];
const organizationTieSeeds: OrganizationTieSeed[] = [
  ['中国能源建设集团上海电力设计院有限公司', '上海宝山钢铁股份有限公司', 'design_institute_of', '宝钢热电厂改造项目设计方'],
  ['上海市政工程设计研究总院（集团）有限公司', '上海城投水务（集团）有限公司', 'design_institute_of', '泵站提标改造设计'],
  ['江苏省水利勘测设计研究院有限公司', '苏州工业园区清源华衍水务有限公司', 'design_institute_of', null],
  ['中国电力工程顾问集团华北电力设计院有限公司', '北京首钢股份有限公司', 'design_institute_of', '首钢京唐余热发电'],
  ['北京市市政工程设计研究总院有限公司', '北京市自来水集团有限责任公司', 'design_institute_of', null],
  ['广东省电力设计研究院有限公司', '深圳能源集团股份有限公司', 'design_institute_of', null],
  ['中国市政工程中南设计研究总院有限公司', '广州市自来水有限公司', 'design_institute_of', null],
  ['上海申达电缆有限公司', '上海宝山钢铁股份有限公司', 'supplier_to', '电缆年度框架协议'],
  ['南京汽轮电机（集团）有限责任公司', '中国石化扬子石油化工有限公司', 'supplier_to', null],
  ['北京京城机电控股有限责任公司', '北京首钢股份有限公司', 'supplier_to', null],
  ['哈尔滨电气股份有限公司', '深圳能源集团股份有限公司', 'supplier_to', null],
  ['深圳能源集团股份有限公司', '东莞市东江水务有限公司', 'parent_of', '控股子公司'],
  ['中国石化扬子石油化工有限公司', '中石化南京工程有限公司', 'parent_of', null],
  ['上海凯泉泵业（集团）有限公司', '上海东方泵业（集团）有限公司', 'competitor_of', '水泵市场主要对手'],
  ['格兰富水泵（广州）有限公司', '上海凯泉泵业（集团）有限公司', 'competitor_of', null],
  ['沈阳鼓风机集团股份有限公司', '西安陕鼓动力股份有限公司', 'competitor_of', '风机、压缩机'],
  ['西门子（中国）有限公司', '上海电气电站设备有限公司', 'partner', '联合投标电站辅机'],
  ['ABB（中国）有限公司', '中国中铁电气化局集团有限公司', 'partner', null],
];

/** Contacts by the organisation and buying role the demo contacts were given. */
type PersonSeed = { organization: string; role: string; nth?: number } | { user: string };
type PersonTieSeed = [from: PersonSeed, to: PersonSeed, type: string, strength: number | null, note: string | null];
const baosteel = '上海宝山钢铁股份有限公司';
const powerInstitute = '中国能源建设集团上海电力设计院有限公司';
const waterGroup = '上海城投水务（集团）有限公司';
const municipalInstitute = '上海市政工程设计研究总院（集团）有限公司';
const personTieSeeds: PersonTieSeed[] = [
  [{ organization: baosteel, role: 'technical_evaluator' }, { organization: baosteel, role: 'decision_maker' }, 'reports_to', 4, null],
  [{ organization: powerInstitute, role: 'any' }, { organization: baosteel, role: 'technical_evaluator' }, 'former_colleague', 4, '原同在宝钢设计研究院'],
  [{ organization: waterGroup, role: 'any' }, { organization: municipalInstitute, role: 'any' }, 'friend', 3, '大学同学'],
  [{ organization: waterGroup, role: 'any', nth: 1 }, { organization: waterGroup, role: 'any' }, 'reports_to', null, null],
  [{ organization: municipalInstitute, role: 'any', nth: 1 }, { organization: powerInstitute, role: 'any', nth: 1 }, 'relative', 5, '表兄弟'],
  [{ user: 'liming' }, { organization: baosteel, role: 'technical_evaluator' }, 'knows', 5, '多次现场服务，关系很好'],
  [{ user: 'zhangwei' }, { organization: powerInstitute, role: 'any' }, 'knows', 3, '行业交流会认识'],
  [{ user: 'liuyang' }, { organization: municipalInstitute, role: 'any' }, 'knows', 4, null],
  [{ user: 'chenhui' }, { organization: waterGroup, role: 'any', nth: 1 }, 'knows', 2, null],
];

export async function loadDemoRelationships(db: DbOrTx, now = new Date()): Promise<void> {
  const organizationNames = [...new Set([...organizationTieSeeds.flatMap(([from, to]) => [from, to]), baosteel, powerInstitute, waterGroup, municipalInstitute])];
  const orgRows = await db
    .select({ id: organizations.id, name: organizations.name, ownerId: organizations.ownerId })
    .from(organizations)
    .where(and(inArray(organizations.name, organizationNames), isNull(organizations.deletedAt)));
  const orgByName = new Map(orgRows.map((row) => [row.name, row]));
  const userRows = await db.select({ id: users.id, username: users.username, name: users.displayName }).from(users);
  const userByName = new Map(userRows.map((row) => [row.username, row]));
  const history: (typeof recordHistory.$inferInsert)[] = [];
  const at = new Date(now.getTime() - 20 * 86_400_000);

  const orgTies = organizationTieSeeds.flatMap(([fromName, toName, type, note]) => {
    const from = orgByName.get(fromName);
    const to = orgByName.get(toName);
    return from && to ? [{ from, to, type, note }] : [];
  });
  if (orgTies.length > 0) {
    await db.insert(organizationTies).values(orgTies.map(({ from, to, type, note }) => ({ fromOrganizationId: from.id, toOrganizationId: to.id, type, note, createdBy: from.ownerId, createdAt: at })));
    for (const { from, to, type, note } of orgTies) {
      for (const [recordId, direction, other] of [
        [from.id, 'outgoing', to.name],
        [to.id, 'incoming', from.name],
      ] as const) {
        history.push({
          recordType: 'organization',
          recordId,
          action: 'tie.add',
          actorId: from.ownerId,
          at,
          note,
          changes: [
            { field: 'tieType', old: null, new: type },
            { field: 'tieDirection', old: null, new: direction },
            { field: 'tiedRecord', old: null, new: other },
          ],
        });
      }
    }
  }

  const contactRows = await db
    .select({ id: contacts.id, name: contacts.name, organizationId: contacts.organizationId, buyingRole: contacts.buyingRole })
    .from(contacts)
    .where(and(inArray(contacts.organizationId, orgRows.map((row) => row.id)), isNull(contacts.deletedAt)))
    .orderBy(asc(contacts.number));
  const person = (seed: PersonSeed): { kind: 'user' | 'contact'; id: string; name: string } | null => {
    if ('user' in seed) {
      const user = userByName.get(seed.user);
      return user ? { kind: 'user', id: user.id, name: user.name } : null;
    }
    const organizationId = orgByName.get(seed.organization)?.id;
    const candidates = contactRows.filter((row) => row.organizationId === organizationId && (seed.role === 'any' || row.buyingRole === seed.role));
    const contact = candidates[seed.nth ?? 0];
    return contact ? { kind: 'contact', id: contact.id, name: contact.name } : null;
  };
  const seen = new Set<string>();
  const ties = personTieSeeds.flatMap(([fromSeed, toSeed, type, strength, note]) => {
    const from = person(fromSeed);
    const to = person(toSeed);
    // The demo contacts vary by organisation: skip a seed whose people are missing or the same person.
    if (!from || !to || from.id === to.id || seen.has(`${from.id}|${to.id}|${type}`)) return [];
    seen.add(`${from.id}|${to.id}|${type}`);
    return [{ from, to, type, strength, note }];
  });
  if (ties.length === 0) {
    if (history.length > 0) await db.insert(recordHistory).values(history);
    return;
  }
  const creator = userByName.get('liming')?.id ?? null;
  await db.insert(personTies).values(
    ties.map(({ from, to, type, strength, note }) => ({ fromKind: from.kind, fromId: from.id, toKind: to.kind, toId: to.id, type, strength, note, createdBy: from.kind === 'user' ? from.id : creator, createdAt: at })),
  );
  for (const { from, to, type, note } of ties) {
    for (const [end, direction, other] of [
      [from, 'outgoing', to],
      [to, 'incoming', from],
    ] as const) {
      if (end.kind !== 'contact') continue;
      history.push({
        recordType: 'contact',
        recordId: end.id,
        action: 'tie.add',
        actorId: from.kind === 'user' ? from.id : creator,
        at,
        note,
        changes: [
          { field: 'tieType', old: null, new: type },
          { field: 'tieDirection', old: null, new: direction },
          { field: 'tiedRecord', old: null, new: other.name },
        ],
      });
    }
  }
  await db.insert(recordHistory).values(history);
}

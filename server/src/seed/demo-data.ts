// Demo data: a Chinese industrial-equipment maker with regional sales teams and ~60 customers of every type.
import { eq } from 'drizzle-orm';
import type { BuiltinRoleCode, OrganizationType, Position } from '@openpsm/contracts';
import type { Db, DbOrTx } from '../db/client';
import { recordShares, roles, userRoles } from '../platform/access/access.table';
import { writeHistory } from '../platform/audit/history.service';
import { hashPassword } from '../platform/auth/passwords';
import { nextNumber } from '../platform/config/numbering.service';
import { updateSettingsValues } from '../platform/config/options.service';
import { departments, users } from '../platform/org-structure/org-structure.table';
import { nameSearchKeys } from '../modules/organizations/organizations.service';
import { organizations } from '../modules/organizations/organizations.table';
import { systemActor } from '../platform/access/actor';
import { approve, reject } from '../platform/approvals/approvals.service';
import { submitApproval } from '../platform/approvals/approval-chain';
import { ORGANIZATION_DELETION } from '../modules/organizations/organization-deletion';
import { loadDemoContacts } from './demo-contacts';
import { loadDemoRelationships } from './demo-relationships';
import { loadDemoPool } from '../modules/pool/pool-demo-data';
import { loadDemoProjects } from './demo-projects';
import { loadDemoActivities } from './demo-activities';

/** Every demo user signs in with this password (documented in the README). */
export const DEMO_PASSWORD = 'openpsm-demo';

type DemoDepartment = { key: string; name: string; parent: string | null };
const demoDepartments: DemoDepartment[] = [
  { key: 'sales', name: '销售中心', parent: 'root' },
  { key: 'east', name: '华东大区', parent: 'sales' },
  { key: 'shanghai', name: '上海分公司', parent: 'east' },
  { key: 'nanjing', name: '南京办事处', parent: 'east' },
  { key: 'north', name: '华北大区', parent: 'sales' },
  { key: 'beijing', name: '北京分公司', parent: 'north' },
  { key: 'south', name: '华南大区', parent: 'sales' },
  { key: 'guangzhou', name: '广州分公司', parent: 'south' },
  { key: 'presales', name: '售前技术部', parent: 'root' },
  { key: 'finance', name: '财务部', parent: 'root' },
  { key: 'logistics', name: '物流部', parent: 'root' },
  { key: 'service', name: '客户服务部', parent: 'root' },
];

type DemoUser = { username: string; name: string; department: string; position: Position; role: BuiltinRoleCode; manager: string | null; email: string };
const demoUsers: DemoUser[] = [
  { username: 'wangjianguo', name: '王建国', department: 'sales', position: 'director', role: 'sales_director', manager: null, email: 'wangjianguo@huagong-demo.cn' },
  { username: 'chenhui', name: '陈辉', department: 'east', position: 'manager', role: 'sales_manager', manager: 'wangjianguo', email: 'chenhui@huagong-demo.cn' },
  { username: 'zhaolei', name: '赵磊', department: 'north', position: 'manager', role: 'sales_manager', manager: 'wangjianguo', email: 'zhaolei@huagong-demo.cn' },
  { username: 'huangmin', name: '黄敏', department: 'south', position: 'manager', role: 'sales_manager', manager: 'wangjianguo', email: 'huangmin@huagong-demo.cn' },
  { username: 'liuyang', name: '刘洋', department: 'shanghai', position: 'supervisor', role: 'supervisor', manager: 'chenhui', email: 'liuyang@huagong-demo.cn' },
  { username: 'sunli', name: '孙丽', department: 'nanjing', position: 'supervisor', role: 'supervisor', manager: 'chenhui', email: 'sunli@huagong-demo.cn' },
  { username: 'zhouqiang', name: '周强', department: 'beijing', position: 'supervisor', role: 'supervisor', manager: 'zhaolei', email: 'zhouqiang@huagong-demo.cn' },
  { username: 'wufang', name: '吴芳', department: 'guangzhou', position: 'supervisor', role: 'supervisor', manager: 'huangmin', email: 'wufang@huagong-demo.cn' },
  { username: 'liming', name: '李明', department: 'shanghai', position: 'rep', role: 'sales_rep', manager: 'liuyang', email: 'liming@huagong-demo.cn' },
  { username: 'zhangwei', name: '张伟', department: 'shanghai', position: 'rep', role: 'sales_rep', manager: 'liuyang', email: 'zhangwei@huagong-demo.cn' },
  { username: 'xutao', name: '徐涛', department: 'nanjing', position: 'rep', role: 'sales_rep', manager: 'sunli', email: 'xutao@huagong-demo.cn' },
  { username: 'majing', name: '马静', department: 'beijing', position: 'rep', role: 'sales_rep', manager: 'zhouqiang', email: 'majing@huagong-demo.cn' },
  { username: 'hegang', name: '何刚', department: 'beijing', position: 'rep', role: 'sales_rep', manager: 'zhouqiang', email: 'hegang@huagong-demo.cn' },
  { username: 'linna', name: '林娜', department: 'guangzhou', position: 'rep', role: 'sales_rep', manager: 'wufang', email: 'linna@huagong-demo.cn' },
  { username: 'guopeng', name: '郭鹏', department: 'presales', position: 'engineer', role: 'presales_engineer', manager: null, email: 'guopeng@huagong-demo.cn' },
  { username: 'yanghong', name: '杨红', department: 'finance', position: 'clerk', role: 'finance', manager: null, email: 'yanghong@huagong-demo.cn' },
  { username: 'songbo', name: '宋波', department: 'logistics', position: 'clerk', role: 'logistics', manager: null, email: 'songbo@huagong-demo.cn' },
  { username: 'tangyan', name: '唐燕', department: 'service', position: 'clerk', role: 'service', manager: null, email: 'tangyan@huagong-demo.cn' },
];

type DemoOrganization = [name: string, shortName: string, type: OrganizationType, industry: string, region: string, owner: string, grade: 'A' | 'B' | 'C' | null];
// Owners are reps (mostly), supervisors and managers; the regions match the reps' branches.
const demoOrganizations: DemoOrganization[] = [
  ['上海宝山钢铁股份有限公司', '宝钢股份', 'owner', 'metallurgy', 'east', 'liming', 'A'],
  ['上海城投水务（集团）有限公司', '城投水务', 'owner', 'water', 'east', 'liming', 'A'],
  ['上海华谊能源化工有限公司', '华谊能化', 'owner', 'petrochemical', 'east', 'zhangwei', 'B'],
  ['上海电气电站设备有限公司', '电气电站', 'partner', 'power', 'east', 'zhangwei', 'A'],
  ['中国能源建设集团上海电力设计院有限公司', '上海电力设计院', 'design_institute', 'power', 'east', 'liming', 'A'],
  ['上海市政工程设计研究总院（集团）有限公司', '上海市政院', 'design_institute', 'water', 'east', 'liuyang', 'A'],
  ['中国建筑第八工程局有限公司', '中建八局', 'general_contractor', 'building', 'east', 'zhangwei', 'B'],
  ['上海隧道工程股份有限公司', '隧道股份', 'general_contractor', 'rail', 'east', 'liuyang', 'B'],
  ['上海凯泉泵业（集团）有限公司', '凯泉泵业', 'competitor', 'machinery', 'east', 'liuyang', null],
  ['上海东方泵业（集团）有限公司', '东方泵业', 'competitor', 'machinery', 'east', 'liming', null],
  ['上海申达电缆有限公司', '申达电缆', 'supplier', 'machinery', 'east', 'zhangwei', 'C'],
  ['上海瑞金医院', '瑞金医院', 'terminal', 'pharma', 'east', 'liming', 'B'],
  ['南京钢铁股份有限公司', '南钢', 'owner', 'metallurgy', 'east', 'xutao', 'A'],
  ['中国石化扬子石油化工有限公司', '扬子石化', 'owner', 'petrochemical', 'east', 'xutao', 'A'],
  ['江苏省水利勘测设计研究院有限公司', '江苏水利院', 'design_institute', 'water', 'east', 'sunli', 'B'],
  ['中石化南京工程有限公司', '南京工程', 'general_contractor', 'petrochemical', 'east', 'xutao', 'B'],
  ['南京汽轮电机（集团）有限责任公司', '南汽', 'supplier', 'power', 'east', 'sunli', 'B'],
  ['江苏恒瑞机电设备销售有限公司', '恒瑞机电', 'distributor', 'machinery', 'east', 'xutao', 'C'],
  ['无锡华光环保能源集团股份有限公司', '华光环能', 'owner', 'power', 'east', 'sunli', 'B'],
  ['苏州工业园区清源华衍水务有限公司', '清源华衍', 'owner', 'water', 'east', 'chenhui', 'B'],
  ['杭州锅炉集团股份有限公司', '杭锅', 'competitor', 'power', 'east', 'chenhui', null],
  ['宁波市轨道交通集团有限公司', '宁波轨交', 'owner', 'rail', 'east', 'chenhui', 'A'],
  ['北京首钢股份有限公司', '首钢股份', 'owner', 'metallurgy', 'north', 'majing', 'A'],
  ['北京市自来水集团有限责任公司', '北京自来水', 'owner', 'water', 'north', 'majing', 'A'],
  ['北京燕山石化有限公司', '燕山石化', 'owner', 'petrochemical', 'north', 'hegang', 'B'],
  ['中国电力工程顾问集团华北电力设计院有限公司', '华北院', 'design_institute', 'power', 'north', 'hegang', 'A'],
  ['北京市市政工程设计研究总院有限公司', '北京市政院', 'design_institute', 'water', 'north', 'zhouqiang', 'B'],
  ['中国中铁电气化局集团有限公司', '中铁电气化局', 'general_contractor', 'rail', 'north', 'majing', 'B'],
  ['北京城建集团有限责任公司', '北京城建', 'general_contractor', 'building', 'north', 'hegang', 'B'],
  ['天津钢管制造有限公司', '天津钢管', 'owner', 'metallurgy', 'north', 'hegang', 'B'],
  ['天津港（集团）有限公司', '天津港', 'owner', 'machinery', 'north', 'zhouqiang', 'A'],
  ['河北钢铁集团唐山钢铁有限公司', '唐钢', 'owner', 'metallurgy', 'north', 'majing', 'A'],
  ['沈阳鼓风机集团股份有限公司', '沈鼓', 'competitor', 'machinery', 'north', 'zhaolei', null],
  ['北京京城机电控股有限责任公司', '京城机电', 'supplier', 'machinery', 'north', 'zhouqiang', 'C'],
  ['北京华润医药商业有限公司', '华润医药', 'distributor', 'pharma', 'north', 'hegang', 'B'],
  ['北京协和医院', '协和医院', 'terminal', 'pharma', 'north', 'majing', 'A'],
  ['山西太钢不锈钢股份有限公司', '太钢不锈', 'owner', 'metallurgy', 'north', 'zhaolei', 'B'],
  ['内蒙古伊泰煤制油有限责任公司', '伊泰煤制油', 'owner', 'petrochemical', 'north', 'zhaolei', 'C'],
  ['广州市自来水有限公司', '广州自来水', 'owner', 'water', 'south', 'linna', 'A'],
  ['广州地铁集团有限公司', '广州地铁', 'owner', 'rail', 'south', 'linna', 'A'],
  ['中国石化茂名分公司', '茂名石化', 'owner', 'petrochemical', 'south', 'wufang', 'A'],
  ['广东省电力设计研究院有限公司', '广东院', 'design_institute', 'power', 'south', 'linna', 'A'],
  ['中国市政工程中南设计研究总院有限公司', '中南院', 'design_institute', 'water', 'south', 'huangmin', 'B'],
  ['中交第四航务工程局有限公司', '中交四航局', 'general_contractor', 'building', 'south', 'wufang', 'B'],
  ['广东火电工程有限公司', '广东火电', 'general_contractor', 'power', 'south', 'linna', 'B'],
  ['深圳能源集团股份有限公司', '深圳能源', 'owner', 'power', 'south', 'huangmin', 'A'],
  ['东莞市东江水务有限公司', '东江水务', 'owner', 'water', 'south', 'wufang', 'C'],
  ['佛山市顺德区美的机电设备有限公司', '美的机电', 'supplier', 'machinery', 'south', 'linna', 'C'],
  ['广州粤能机电设备贸易有限公司', '粤能机电', 'distributor', 'machinery', 'south', 'wufang', 'C'],
  ['格兰富水泵（广州）有限公司', '格兰富', 'competitor', 'machinery', 'south', 'huangmin', null],
  ['中山大学附属第一医院', '中山一院', 'terminal', 'pharma', 'south', 'linna', 'B'],
  ['重庆钢铁股份有限公司', '重钢', 'owner', 'metallurgy', 'southwest', 'huangmin', 'C'],
  ['中国电建集团成都勘测设计研究院有限公司', '成都院', 'design_institute', 'power', 'southwest', 'wangjianguo', 'A'],
  ['四川省成都市自来水有限责任公司', '成都自来水', 'owner', 'water', 'southwest', 'wangjianguo', 'B'],
  ['武汉钢铁有限公司', '武钢', 'owner', 'metallurgy', 'central', 'wangjianguo', 'A'],
  ['中国一冶集团有限公司', '中国一冶', 'general_contractor', 'metallurgy', 'central', 'wangjianguo', 'B'],
  ['湖南华菱湘潭钢铁有限公司', '湘钢', 'owner', 'metallurgy', 'central', 'chenhui', 'B'],
  ['西安陕鼓动力股份有限公司', '陕鼓动力', 'competitor', 'machinery', 'northwest', 'zhaolei', null],
  ['新疆天业（集团）有限公司', '新疆天业', 'owner', 'petrochemical', 'northwest', 'zhaolei', 'C'],
  ['西门子（中国）有限公司', '西门子', 'partner', 'machinery', 'east', 'chenhui', 'A'],
  ['ABB（中国）有限公司', 'ABB', 'partner', 'power', 'north', 'zhaolei', 'A'],
  ['哈尔滨电气股份有限公司', '哈电', 'supplier', 'power', 'northeast', 'zhaolei', 'B'],
];

const sources = ['rep_developed', 'referral', 'exhibition', 'website', 'tender_notice', 'media'];
const scales = ['medium', 'large', 'huge', 'large', 'small'];
const ratings = ['aaa', 'aa', 'a', 'aa', 'b'];
const phonePrefixes: Record<string, string> = { east: '021', north: '010', south: '020', southwest: '028', central: '027', northwest: '029', northeast: '0451' };

/** A valid-looking unified social credit code; the check digit is computed as GB 32100-2015 prescribes. */
function creditCode(seed: number): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const body = `9131${String(100000 + seed * 7919).slice(-6)}${String(seed * 104729).padStart(8, '0').slice(-8)}`.slice(0, 17).split('');
  body[8] = 'M';
  body[9] = 'A';
  const sum = body.reduce((total, char, index) => total + alphabet.indexOf(char) * weights[index]!, 0);
  return body.join('') + alphabet[(31 - (sum % 31)) % 31];
}

export async function loadDemoData(db: DbOrTx): Promise<void> {
  const [root] = await db.select().from(departments).where(eq(departments.name, '总公司'));
  if (!root) throw new Error('baseline missing: run ensureAdmin first');
  await db.update(departments).set({ name: '华工重装设备有限公司' }).where(eq(departments.id, root.id));
  await updateSettingsValues(db, { companyName: '华工重装设备有限公司', companyShortName: '华工重装', companyAddress: '上海市闵行区剑川路 1288 号', companyPhone: '021-6430 8800' });

  const departmentIds = new Map<string, { id: string; path: string }>([['root', { id: root.id, path: root.path }]]);
  for (const [index, department] of demoDepartments.entries()) {
    const parent = departmentIds.get(department.parent ?? 'root')!;
    const id = crypto.randomUUID();
    const path = `${parent.path}${id}/`;
    await db.insert(departments).values({ id, name: department.name, parentId: parent.id, path, sort: index * 10 });
    departmentIds.set(department.key, { id, path });
  }

  const roleRows = await db.select().from(roles);
  const roleId = (code: string) => roleRows.find((role) => role.code === code)!.id;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const userIds = new Map<string, string>();
  for (const user of demoUsers) {
    const [row] = await db
      .insert(users)
      .values({
        username: user.username,
        displayName: user.name,
        email: user.email,
        phone: `139${String(10000000 + userIds.size * 7331).slice(-8)}`,
        departmentId: departmentIds.get(user.department)!.id,
        position: user.position,
        managerId: user.manager ? userIds.get(user.manager)! : null,
        passwordHash,
      })
      .returning({ id: users.id });
    userIds.set(user.username, row!.id);
    await db.insert(userRoles).values({ userId: row!.id, roleId: roleId(user.role) });
  }
  // Department heads follow the reporting line.
  for (const [department, head] of [['sales', 'wangjianguo'], ['east', 'chenhui'], ['north', 'zhaolei'], ['south', 'huangmin'], ['shanghai', 'liuyang'], ['nanjing', 'sunli'], ['beijing', 'zhouqiang'], ['guangzhou', 'wufang']] as const) {
    await db.update(departments).set({ headUserId: userIds.get(head)! }).where(eq(departments.id, departmentIds.get(department)!.id));
  }

  const now = Date.now();
  for (const [index, [name, shortName, type, industry, region, owner, grade]] of demoOrganizations.entries()) {
    const ownerId = userIds.get(owner)!;
    const createdAt = new Date(now - (demoOrganizations.length - index) * 5 * 86_400_000);
    const [row] = await db
      .insert(organizations)
      .values({
        number: await nextNumber(db, 'organization', createdAt),
        name,
        shortName,
        ...nameSearchKeys(name),
        type,
        creditCode: type === 'terminal' ? null : creditCode(index + 1),
        industry,
        region,
        address: null,
        phone: `${phonePrefixes[region]}-${String(60000000 + index * 130973).slice(-8)}`,
        scale: scales[index % scales.length]!,
        source: sources[index % sources.length]!,
        grade,
        creditRating: type === 'competitor' ? null : ratings[index % ratings.length]!,
        tags: type === 'owner' && grade === 'A' ? ['重点客户'] : [],
        ownerId,
        createdBy: ownerId,
        createdAt,
        updatedAt: createdAt,
      })
      .returning({ id: organizations.id });
    await writeHistory(db, { ...systemActor(ownerId), username: owner }, {
      recordType: 'organization',
      recordId: row!.id,
      action: 'create',
      at: createdAt,
      changes: [
        { field: 'name', old: null, new: name },
        { field: 'type', old: null, new: type },
      ],
    });
    // Design institutes are shared with the pre-sales engineer, who prepares the technical side.
    if (type === 'design_institute') {
      await db.insert(recordShares).values({ recordType: 'organization', recordId: row!.id, userId: userIds.get('guopeng')!, access: 'read', createdBy: ownerId });
    }
  }

  await loadDemoContacts(db);
  await loadDemoRelationships(db);
  await loadDemoApprovals(db, userIds);
  await loadDemoPool(db);
  await loadDemoProjects(db);
  await loadDemoActivities(db);
}

/**
 * A few deletion requests in every state, so the inbox is lived-in: one waiting for a supervisor, one rejected with
 * its reason, a grade-A customer waiting for the director after the supervisor's yes, and one approved.
 */
async function loadDemoApprovals(db: DbOrTx, userIds: Map<string, string>) {
  const actorOf = (username: string) => {
    const user = demoUsers.find((candidate) => candidate.username === username)!;
    return { ...systemActor(userIds.get(username)!), username, displayName: user.name };
  };
  const ask = async (username: string, organizationName: string) => {
    const [organization] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, organizationName));
    const instance = await submitApproval(db, actorOf(username), ORGANIZATION_DELETION, organization!.id);
    return instance!.id;
  };
  // The approval actions run their own transaction: inside the seeding one, that is a savepoint.
  const tx = db as Db;
  await ask('zhangwei', '上海申达电缆有限公司');
  await reject(tx, actorOf('liuyang'), await ask('liming', '上海瑞金医院'), { comment: '瑞金医院新院区项目明年启动，客户保留，请继续跟进。' });
  await approve(tx, actorOf('zhouqiang'), await ask('majing', '河北钢铁集团唐山钢铁有限公司'), { comment: '唐钢已并入河钢集团，同意删除，联系人转入河钢档案。' });
  await approve(tx, actorOf('wufang'), await ask('linna', '佛山市顺德区美的机电设备有限公司'), { comment: '该供应商已停止合作，同意删除。' });
}

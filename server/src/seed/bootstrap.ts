// What every database needs before first use: built-in roles, option lists, numbering rules, the admin.
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { allPermissions, type BuiltinRoleCode, type DataScope, type Permission, type StepDefinition } from '@openpsm/contracts';
import type { DbOrTx } from '../db/client';
import { roles, userRoles } from '../platform/access/access.table';
import { hashPassword } from '../platform/auth/passwords';
import { numberingRules, options } from '../platform/config/config.table';
import { approvalFlows, approvalFlowVersions } from '../platform/approvals/approvals.table';
import { departments, users } from '../platform/org-structure/org-structure.table';
import { ensureSalesProcesses } from '../modules/methodology/builtin-processes';

/** `activityScope`: the scope of activities and work reports, when it differs from the customer scope (`scope`). */
type BuiltinRole = { code: BuiltinRoleCode; name: string; description: string; permissions: Permission[]; scope: DataScope; activityScope?: DataScope; seesCreditRating: boolean };

const organizationAll: Permission[] = ['organization.view', 'organization.create', 'organization.edit', 'organization.delete', 'organization.export', 'organization.import', 'organization.assign'];
const directory: Permission[] = ['user.view', 'department.view'];
const contactAll: Permission[] = ['contact.view', 'contact.create', 'contact.edit', 'contact.delete', 'contact.export', 'contact.import'];
const contactWork: Permission[] = ['contact.view', 'contact.create', 'contact.edit', 'contact.delete'];
const projectWork: Permission[] = ['project.view', 'project.create', 'project.edit', 'project.delete'];
const activityWork: Permission[] = ['activity.view', 'activity.create', 'activity.edit', 'activity.delete', 'work_report.view', 'work_report.create'];

export const builtinRoles: BuiltinRole[] = [
  { code: 'admin', name: '系统管理员', description: 'Everything, including configuration', permissions: allPermissions, scope: 'all', seesCreditRating: true },
  { code: 'sales_director', name: '销售总监', description: 'All customers of the company', permissions: [...organizationAll, ...contactAll, ...directory, 'role.view', 'config.view', 'audit.view', 'user.assign', 'approval.view', 'pool.view', 'pool.assign', 'pool.configure', ...projectWork, 'project.export', 'project.assign', 'project.approve', 'project.configure', ...activityWork, 'activity.export'], scope: 'all', seesCreditRating: true },
  { code: 'sales_manager', name: '销售经理', description: 'Customers of the own department and its sub-departments', permissions: [...organizationAll.filter((permission) => permission !== 'organization.import'), ...contactWork, 'contact.export', ...directory, 'user.assign', 'approval.view', 'pool.view', 'pool.assign', ...projectWork, 'project.export', 'project.assign', 'project.approve', ...activityWork, 'activity.export'], scope: 'department_tree', seesCreditRating: true },
  { code: 'supervisor', name: '销售主管', description: 'Own customers and those of direct and indirect reports', permissions: ['organization.view', 'organization.create', 'organization.edit', 'organization.delete', 'organization.export', ...contactWork, 'contact.export', ...directory, 'pool.view', ...projectWork, 'project.export', ...activityWork, 'activity.export'], scope: 'own_subordinates', seesCreditRating: false },
  { code: 'sales_rep', name: '销售代表', description: 'Own customers', permissions: ['organization.view', 'organization.create', 'organization.edit', 'organization.delete', ...contactWork, 'pool.view', ...projectWork, ...activityWork], scope: 'own', seesCreditRating: false },
  { code: 'presales_engineer', name: '售前工程师', description: 'Reads customers shared with them; works on the projects whose team they are in', permissions: ['organization.view', 'contact.view', 'project.view', 'project.edit', ...activityWork], scope: 'own', seesCreditRating: false },
  { code: 'finance', name: '财务', description: 'Reads every customer, sees credit ratings', permissions: ['organization.view', 'organization.export', 'contact.view', 'contact.export', 'user.view', 'project.view', 'project.export'], scope: 'all', activityScope: 'own', seesCreditRating: true },
  { code: 'logistics', name: '物流', description: 'Reads every customer for deliveries', permissions: ['organization.view', 'contact.view', 'project.view'], scope: 'all', activityScope: 'own', seesCreditRating: false },
  { code: 'service', name: '客服', description: 'Reads every customer for service; logs their own follow-ups', permissions: ['organization.view', 'contact.view', 'project.view', ...activityWork], scope: 'all', activityScope: 'own', seesCreditRating: false },
];

const defaultOptions: Record<string, [string, string, string][]> = {
  industry: [
    ['power', '电力', 'Power'],
    ['petrochemical', '石油化工', 'Petrochemicals'],
    ['metallurgy', '冶金', 'Metallurgy'],
    ['water', '水务环保', 'Water & environment'],
    ['pharma', '医药', 'Pharmaceuticals'],
    ['building', '建筑工程', 'Construction'],
    ['machinery', '机械制造', 'Machinery'],
    ['rail', '轨道交通', 'Rail transit'],
    ['other', '其他', 'Other'],
  ],
  source: [
    ['rep_developed', '自主开发', 'Developed by rep'],
    ['referral', '客户介绍', 'Referral'],
    ['exhibition', '展会', 'Trade show'],
    ['website', '官网', 'Website'],
    ['tender_notice', '招标公告', 'Tender notice'],
    ['media', '媒体广告', 'Media'],
  ],
  region: [
    ['east', '华东', 'East China'],
    ['north', '华北', 'North China'],
    ['south', '华南', 'South China'],
    ['central', '华中', 'Central China'],
    ['southwest', '西南', 'Southwest'],
    ['northwest', '西北', 'Northwest'],
    ['northeast', '东北', 'Northeast'],
  ],
  scale: [
    ['small', '100人以下', 'Under 100'],
    ['medium', '100-999人', '100–999'],
    ['large', '1000-9999人', '1,000–9,999'],
    ['huge', '10000人以上', '10,000+'],
  ],
  product_line: [
    ['pumps', '泵类产品', 'Pumps'],
    ['valves', '阀门', 'Valves'],
    ['automation', '自动化控制系统', 'Automation systems'],
    ['water_treatment', '水处理成套设备', 'Water treatment packages'],
    ['service', '工程服务', 'Engineering services'],
  ],
  project_win_reason: [
    ['technical_fit', '技术方案最符合要求', 'Best technical fit'],
    ['relationship', '客户关系到位', 'Strong relationship'],
    ['price', '价格有竞争力', 'Competitive price'],
    ['references', '同类业绩打动客户', 'Convincing references'],
    ['service', '服务承诺', 'Service commitment'],
  ],
  project_loss_reason: [
    ['price', '价格过高', 'Price too high'],
    ['technical', '技术方案不符合', 'Technical mismatch'],
    ['relationship', '关键人关系不到位', 'Weak relationship with decision makers'],
    ['spec_locked', '设计院参数偏向竞争对手', 'Specification favoured a competitor'],
    ['late', '介入太晚', 'Engaged too late'],
    ['project_cancelled', '项目取消', 'Project cancelled'],
  ],
  project_suspend_reason: [
    ['budget', '预算未落实', 'Budget not approved'],
    ['postponed', '项目延期', 'Project postponed'],
    ['policy', '政策或审批原因', 'Policy or permits'],
  ],
  activity_type: [
    ['call', '电话', 'Call'],
    ['visit', '拜访', 'Visit'],
    ['email', '邮件', 'E-mail'],
    ['wechat', '微信', 'WeChat'],
    ['meeting', '会议', 'Meeting'],
    ['demo', '演示', 'Demo'],
    ['dinner', '宴请', 'Dinner'],
    ['other', '其他', 'Other'],
  ],
  credit_rating: [
    ['aaa', 'AAA 优', 'AAA excellent'],
    ['aa', 'AA 良', 'AA good'],
    ['a', 'A 一般', 'A fair'],
    ['b', 'B 关注', 'B watch'],
    ['c', 'C 风险', 'C risk'],
  ],
};

/** Idempotent: adds what is missing, never overwrites what an administrator changed. */
export async function ensureBaseline(db: DbOrTx): Promise<void> {
  for (const role of builtinRoles) {
    await db
      .insert(roles)
      .values({
        code: role.code,
        name: role.name,
        description: role.description,
        builtin: true,
        permissions: role.permissions,
        scopes: { organization: role.scope, project: role.scope, activity: role.activityScope ?? role.scope, work_report: role.activityScope ?? role.scope },
        visibleProtectedFields: role.seesCreditRating ? ['organization.creditRating'] : [],
      })
      .onConflictDoNothing({ target: roles.code });
  }
  for (const [listKey, entries] of Object.entries(defaultOptions)) {
    const [existing] = await db.select({ id: options.id }).from(options).where(eq(options.listKey, listKey)).limit(1);
    if (existing) continue;
    await db.insert(options).values(entries.map(([code, labelZh, labelEn], index) => ({ listKey, code, labelZh, labelEn, sort: index * 10 })));
  }
  await db.insert(numberingRules).values({ recordType: 'organization', pattern: 'ORG-{yyyy}-{seq:5}', reset: 'yearly' }).onConflictDoNothing();
  await db.insert(numberingRules).values({ recordType: 'approval', pattern: 'AP-{yyyy}-{seq:5}', reset: 'yearly' }).onConflictDoNothing();
  await db.insert(numberingRules).values({ recordType: 'contact', pattern: 'CT-{yyyy}-{seq:5}', reset: 'yearly' }).onConflictDoNothing();
  await db.insert(numberingRules).values({ recordType: 'project', pattern: 'PRJ-{yyyy}-{seq:5}', reset: 'yearly' }).onConflictDoNothing();
  await db.insert(numberingRules).values({ recordType: 'tender', pattern: 'TB-{yyyy}-{seq:4}', reset: 'yearly' }).onConflictDoNothing();
  await ensureDeletionFlow(db);
  await ensureSalesProcesses(db);
}

/**
 * Creates `admin` on an empty database. Returns the generated password when none was configured,
 * so the caller prints it once.
 */
export async function ensureAdmin(db: DbOrTx, configuredPassword: string | undefined): Promise<{ created: boolean; generatedPassword: string | null }> {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.username})`, 'admin'));
  if (existing) return { created: false, generatedPassword: null };
  const password = configuredPassword ?? randomBytes(12).toString('base64url');
  let [company] = await db.select().from(departments).where(sql`${departments.parentId} is null`).limit(1);
  if (!company) {
    const id = crypto.randomUUID();
    [company] = await db.insert(departments).values({ id, name: '总公司', path: `/${id}/` }).returning();
  }
  const [admin] = await db
    .insert(users)
    .values({ username: 'admin', displayName: '系统管理员', departmentId: company!.id, position: 'other', passwordHash: await hashPassword(password) })
    .returning();
  const [adminRole] = await db.select().from(roles).where(eq(roles.code, 'admin'));
  await db.insert(userRoles).values({ userId: admin!.id, roleId: adminRole!.id });
  return { created: true, generatedPassword: configuredPassword ? null : password };
}

/**
 * Customer deletion needs approval (PLAT-5), so a database starts with a flow for it: the direct manager, then the
 * sales director for grade-A customers. Created once: a flow an administrator changed or retired stays so (retired
 * flows are soft-deleted, so their row still counts).
 */
export async function ensureDeletionFlow(db: DbOrTx) {
  const [existing] = await db.select({ id: approvalFlows.id }).from(approvalFlows).where(eq(approvalFlows.documentType, 'organization_deletion')).limit(1);
  if (existing) return;
  const [director] = await db.select({ id: roles.id }).from(roles).where(eq(roles.code, 'sales_director'));
  const steps: StepDefinition[] = [
    { key: 'manager', name: '直属上级审批', approver: { kind: 'direct_manager' }, mode: 'any', condition: null, remindAfterHours: 24, escalateAfterHours: 72 },
  ];
  if (director) {
    steps.push({
      key: 'director',
      name: '销售总监审批(A 类客户)',
      approver: { kind: 'role', roleId: director.id, within: 'company' },
      mode: 'any',
      condition: { match: 'all', rules: [{ field: 'organization.grade', op: 'eq', value: 'A' }] },
      remindAfterHours: 24,
      escalateAfterHours: null,
    });
  }
  const [flow] = await db
    .insert(approvalFlows)
    .values({ documentType: 'organization_deletion', name: '客户删除审批', description: '删除客户须经直属上级审批;A 类客户另需销售总监审批。', priority: 100 })
    .returning({ id: approvalFlows.id });
  const [definition] = await db
    .insert(approvalFlowVersions)
    .values({ flowId: flow!.id, definitionVersion: 1, name: '客户删除审批', condition: null, steps })
    .returning({ id: approvalFlowVersions.id });
  await db.update(approvalFlows).set({ currentVersionId: definition!.id }).where(eq(approvalFlows.id, flow!.id));
}

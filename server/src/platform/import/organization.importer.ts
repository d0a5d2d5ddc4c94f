// Importing organisations (CUS-1 fields): the same rules as the API — zod input schema, option lists, owner rules,
// numbering, pinyin keys, custom fields, the duplicate check — with one query per batch where the API does one per record.
import { organizationEditableFields } from '@openpsm/contracts';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { organizationInputSchema, organizationStages, organizationTypes, protectedFields, type CustomField, type OrganizationInput } from '@openpsm/contracts';
import { bulkInsert } from '../../db/bulk-insert';
import type { DbOrTx, Tx } from '../../db/client';
import { findDuplicateOrganizations, nameSearchKeys } from '../../modules/organizations/organizations.service';
import { organizations } from '../../modules/organizations/organizations.table';
import type { Actor } from '../access/actor';
import { ownedRecordTables } from '../access/owned-records';
import { canSeeField, scopeCondition } from '../access/record-scope';
import { assertNotLocked } from '../approvals/approval-chain';
import { recordHistory } from '../audit/audit.table';
import { diffFields } from '../audit/history.service';
import { listCustomFields, validateCustomFieldValues } from '../config/custom-fields.service';
import { nextNumbers } from '../config/numbering.service';
import { listOptions, unknownOptionValues } from '../config/options.service';
import { AppError } from '../errors';
import { users } from '../org-structure/org-structure.table';
import { registerImporter, type ImportCandidate, type ImportFieldDefinition, type RowProblem } from './import.registry';
import { customImportFields, customInput, importDate, importField, splitList, validateCustomFieldsOf, zodProblems } from './import.values';
import { companyNameKey } from '../../modules/organizations/company-name';
import { isBetter, OrganizationDuplicateIndex } from '../../modules/organizations/duplicate-index';

const RECORD_TYPE = 'organization';
const scoped = ownedRecordTables.organization;

type OrganizationRecord = Omit<OrganizationInput, 'confirmDuplicate'>;
/** Records whose type was not in the file (created as 'owner'): an update must not overwrite the stored type with it. */
const defaultedType = new WeakSet<OrganizationRecord>();

/** The fields whose change is a history line (as the organisation service tracks them). */
const trackedFields = organizationEditableFields;

const field = importField;

export const organizationImportFields: ImportFieldDefinition[] = [
  field('name', '单位名称', 'Name', ['名称', '公司名称', '客户名称', '企业名称', '单位', '公司', 'organization', 'company', 'company name', 'organisation'], true),
  field('shortName', '简称', 'Short name', ['单位简称', '公司简称', 'short name', 'abbreviation']),
  field('type', '类型', 'Type', ['单位类型', '客户类型', 'organization type']),
  field('creditCode', '统一社会信用代码', 'Credit code', ['信用代码', '社会信用代码', '税号', 'uscc', 'credit code', 'unified social credit code']),
  field('industry', '行业', 'Industry', ['所属行业']),
  field('region', '区域', 'Region', ['地区', '省份', '所在地区']),
  field('address', '地址', 'Address', ['详细地址', '单位地址', '公司地址']),
  field('phone', '电话', 'Phone', ['联系电话', '固定电话', '总机', 'telephone', 'tel']),
  field('website', '网站', 'Website', ['网址', '官网', 'url']),
  field('scale', '规模', 'Scale', ['企业规模', 'size']),
  field('source', '来源', 'Source', ['客户来源', '线索来源', 'lead source']),
  field('grade', '等级', 'Grade', ['客户等级', '级别']),
  field('stage', '阶段', 'Stage', ['客户阶段', '生命周期', 'lifecycle']),
  field('revisitOn', '回访日期', 'Revisit on', ['下次回访', '回访', 'revisit date']),
  field('creditRating', '信用等级', 'Credit rating', ['信用评级']),
  field('tags', '标签', 'Tags', ['tag']),
  field('notes', '备注', 'Notes', ['说明', 'remark', 'remarks', 'note', 'comments']),
  field('owner', '负责人', 'Owner', ['销售', '客户经理', '跟进人', '所属销售', 'owner username', 'sales rep']),
];

/** Chinese words for types and stages that a spreadsheet may hold instead of the codes. */
const typeWords: Record<string, (typeof organizationTypes)[number]> = {
  业主: 'owner', 甲方: 'owner', '业主/甲方': 'owner', 总包: 'general_contractor', 总承包: 'general_contractor', 配套厂: 'supplier',
  供应商: 'supplier', '配套厂/供应商': 'supplier', 设计院: 'design_institute', 代理商: 'distributor', 经销商: 'distributor',
  '代理商/经销商': 'distributor', 终端: 'terminal', 竞争对手: 'competitor', 竞品: 'competitor', 合作伙伴: 'partner',
  'general contractor': 'general_contractor', 'design institute': 'design_institute',
};
const stageWords: Record<string, (typeof organizationStages)[number]> = {
  识别: 'identified', 已识别: 'identified', 新客户: 'new', 新建: 'new', 意向: 'intentional', 意向客户: 'intentional', 采购中: 'purchasing',
  采购: 'purchasing', 完善资料: 'complete_info', 资料完善: 'complete_info', 休眠: 'dormant', 沉睡: 'dormant', 流失: 'lost', 已流失: 'lost',
};
const optionFields = { industry: 'industry', region: 'region', scale: 'scale', source: 'source', creditRating: 'credit_rating' } as const;

type Context = {
  /** listKey → typed text (code or either label, lower case) → code. */
  options: Map<string, Map<string, string>>;
  /** username or display name (lower case) → users; more than one is ambiguous. */
  owners: Map<string, { id: string; status: string }[]>;
  customFields: CustomField[];
  /** The in-memory duplicate check, loaded on the first batch that needs it and refreshed before each next one. */
  duplicates?: OrganizationDuplicateIndex;
  /** Per matched record: how far the index went when it was matched, and the score of its match (settleMatches). */
  matchedAt: WeakMap<OrganizationRecord, { indexSize: number; score: number; key: string }>;
};

async function loadContext(db: DbOrTx): Promise<Context> {
  const options = new Map<string, Map<string, string>>();
  for (const option of await listOptions(db)) {
    const byText = options.get(option.listKey) ?? new Map<string, string>();
    options.set(option.listKey, byText);
    for (const text of [option.code, option.labelZh, option.labelEn]) if (!byText.has(text.toLowerCase())) byText.set(text.toLowerCase(), option.code);
  }
  const owners = new Map<string, { id: string; status: string }[]>();
  for (const user of await db.select({ id: users.id, username: users.username, displayName: users.displayName, status: users.status }).from(users)) {
    const keys = new Set([user.username.toLowerCase(), user.displayName.toLowerCase()]);
    for (const key of keys) owners.set(key, [...(owners.get(key) ?? []), { id: user.id, status: user.status }]);
  }
  const customFields = (await listCustomFields(db, RECORD_TYPE)).filter((definition) => definition.active);
  return { options, owners, customFields, matchedAt: new WeakMap() };
}

function toRecord(actor: Actor, context: Context, values: Record<string, string>): { record?: OrganizationRecord; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const text = (key: string) => (values[key] ?? '').trim() || undefined;
  const input: Record<string, unknown> = { name: text('name') ?? '' };
  for (const key of ['shortName', 'address', 'phone', 'website', 'notes', 'revisitOn'] as const) if (text(key) !== undefined) input[key] = text(key);
  if (input.revisitOn) input.revisitOn = importDate(input.revisitOn as string);
  const typeText = text('type');
  input.type = typeText ? (typeWords[typeText.toLowerCase()] ?? typeText.toLowerCase().replace(/\s+/g, '_')) : 'owner';
  const stageText = text('stage');
  if (stageText) input.stage = stageWords[stageText] ?? stageText.toLowerCase().replace(/\s+/g, '_');
  const grade = text('grade');
  if (grade) input.grade = grade.toUpperCase().replace(/级$/, '');
  const creditCode = text('creditCode');
  if (creditCode) input.creditCode = creditCode.normalize('NFKC');
  for (const [key, listKey] of Object.entries(optionFields)) {
    const given = text(key);
    if (given) input[key] = context.options.get(listKey)?.get(given.toLowerCase()) ?? given;
  }
  const tags = text('tags');
  if (tags) input.tags = splitList(tags);
  const owner = text('owner');
  if (owner) {
    const found = context.owners.get(owner.toLowerCase()) ?? [];
    if (found.length === 0) problems.push({ field: 'owner', code: 'unknown_user' });
    else if (found.length > 1) problems.push({ field: 'owner', code: 'owner_ambiguous' });
    else if (found[0]!.status !== 'active') problems.push({ field: 'owner', code: 'user_departed' });
    else input.ownerId = found[0]!.id;
  }
  const custom = customInput(context.customFields, text);
  if (custom) input.customFields = custom;

  const parsed = organizationInputSchema.safeParse(input);
  if (!parsed.success) problems.push(...zodProblems(parsed.error.issues));
  for (const protectedField of protectedFields.organization) {
    if (input[protectedField] !== undefined && !canSeeField(actor, RECORD_TYPE, protectedField)) problems.push({ field: protectedField, code: 'field_protected' });
  }
  if (input.ownerId && input.ownerId !== actor.userId && !actor.permissions.has('organization.assign')) problems.push({ field: 'owner', code: 'owner_needs_assign' });
  if (problems.length > 0 || !parsed.success) return { problems };
  const { confirmDuplicate: _confirm, ...record } = parsed.data;
  if (!typeText) defaultedType.add(record);
  return { record, problems };
}

async function validate(db: DbOrTx, actor: Actor, context: Context, candidates: ImportCandidate<OrganizationRecord>[]) {
  for (const candidate of candidates) {
    const { record, problems } = toRecord(actor, context, candidate.values);
    candidate.problems.push(...problems);
    if (record) candidate.record = record;
  }
  // Option lists: one query for the whole batch, by the service's own check (row index in the path).
  const valid = candidates.filter((candidate) => candidate.record);
  const values: Record<string, { listKey: string; value: string | null | undefined }> = {};
  valid.forEach((candidate, index) => {
    for (const [key, listKey] of Object.entries(optionFields)) values[`${index}.${key}`] = { listKey, value: candidate.record![key as keyof typeof optionFields] };
  });
  for (const problem of await unknownOptionValues(db, values)) {
    const [index, key] = problem.path.split('.');
    valid[Number(index)]!.problems.push({ field: key!, code: problem.code });
  }
  // Custom fields through the custom-field service; only when the record type has any.
  if (context.customFields.length === 0) return;
  await validateCustomFieldsOf(db, RECORD_TYPE, valid);
  for (const candidate of valid) if (candidate.problems.length > 0) delete candidate.record;
}

/** Exact keys for rows of one batch: the credit code, and the name without spaces, brackets, width or case differences. */
export function organizationFileKeys(record: { name: string; creditCode?: string | null }): string[] {
  const keys = [`name:${record.name.normalize('NFKC').toLowerCase().replace(/[\s()（）[\]【】·.]/g, '')}`];
  if (record.creditCode) keys.push(`code:${record.creditCode}`);
  return keys;
}

async function createMany(tx: Tx, actor: Actor, entries: { record: OrganizationRecord; duplicateConfirmed: boolean }[]): Promise<string[]> {
  if (entries.length === 0) return [];
  const now = new Date();
  const values = [];
  const numbers = await nextNumbers(tx, RECORD_TYPE, entries.length, now);
  for (const [index, { record }] of entries.entries()) {
    const { customFields, ...fields } = record;
    const ownerId = fields.ownerId === undefined ? actor.userId : fields.ownerId;
    values.push({
      ...fields,
      ...nameSearchKeys(record.name),
      number: numbers[index]!,
      ownerId,
      ownedSince: ownerId ? now : null,
      tags: fields.tags ?? [],
      customFields: customFields ?? {},
      createdBy: actor.userId,
    });
  }
  const rows = await bulkInsert(tx, organizations, values, ['id', ...trackedFields]);
  // One insert for the whole batch's history: a line per record with what it was created with.
  await bulkInsert(
    tx,
    recordHistory,
    rows.map((row, index) => ({
      recordType: RECORD_TYPE,
      recordId: row.id,
      action: 'import',
      actorId: actor.userId,
      changes: diffFields({} as Record<string, unknown>, row, trackedFields).filter((change) => change.new !== null),
      note: entries[index]!.duplicateConfirmed ? 'duplicate_confirmed' : null,
    })),
    [],
  );
  return rows.map((row) => row.id as string);
}

async function update(tx: Tx, actor: Actor, id: string, record: OrganizationRecord): Promise<'updated' | 'unchanged' | RowProblem> {
  const [current] = await tx
    .select()
    .from(organizations)
    .where(and(eq(organizations.id, id), scopeCondition(actor, scoped, 'write'), isNull(organizations.deletedAt)))
    .for('update');
  if (!current) return { field: 'row', code: 'match_not_writable' };
  try {
    await assertNotLocked(tx, RECORD_TYPE, id);
  } catch {
    return { field: 'row', code: 'record_locked' };
  }
  const { customFields: customInput, ...fields } = record;
  // Only the fields the row gives change; a type defaulted because the column was empty is not given.
  const patch: Record<string, unknown> = Object.fromEntries(Object.entries(fields).filter(([key, value]) => value !== undefined && !(key === 'type' && defaultedType.has(record))));
  if (patch.ownerId !== undefined && patch.ownerId !== current.ownerId) {
    if (current.poolId && !current.ownerId) return { field: 'owner', code: 'owner_in_pool' };
    if (!actor.permissions.has('organization.assign')) return { field: 'owner', code: 'owner_needs_assign' };
  }
  if (customInput !== undefined) {
    try {
      patch.customFields = await validateCustomFieldValues(tx, RECORD_TYPE, customInput, current.customFields);
    } catch (error) {
      if (error instanceof AppError && error.errors?.[0]) return { field: error.errors[0].path.replace('customFields.', 'cf.'), code: error.errors[0].code };
      throw error;
    }
  }
  if (patch.name) Object.assign(patch, nameSearchKeys(patch.name as string));
  const changes = diffFields(current as unknown as Record<string, unknown>, patch, trackedFields);
  if (changes.length === 0) return 'unchanged';
  await tx.update(organizations).set({ ...patch, version: current.version + 1, updatedAt: new Date() }).where(eq(organizations.id, id));
  await tx.insert(recordHistory).values({ recordType: RECORD_TYPE, recordId: id, action: 'import', actorId: actor.userId, changes });
  return 'updated';
}

export function registerOrganizationImporter() {
  registerImporter<OrganizationRecord, Context>({
    recordType: RECORD_TYPE,
    permission: 'organization.import',
    editPermission: 'organization.edit',
    fields: organizationImportFields,
    fieldsFor: (db) => customImportFields(db, RECORD_TYPE),
    loadContext: (db) => loadContext(db),
    validate,
    findMatch: async (db, record) => (await findDuplicateOrganizations(db, { name: record.name, creditCode: record.creditCode ?? null }))[0]?.id ?? null,
    // The same rule for a whole batch from memory: one GIN probe per row would cap an import at a few hundred rows/s.
    findMatches: async (db, records, context) => {
      if (context.duplicates) await context.duplicates.refresh(db);
      else context.duplicates = await OrganizationDuplicateIndex.load(db);
      const index = context.duplicates;
      return records.map((record) => {
        const found = index.match({ name: record.name, creditCode: record.creditCode ?? null });
        context.matchedAt.set(record, { indexSize: index.size, score: found?.score ?? 0, key: found?.key ?? '' });
        return found?.id ?? null;
      });
    },
    // A better match among what was added since a record was matched (the batch written meanwhile) replaces it. The
    // records that batch created go into the index as they were written (their key computed as the database computes
    // name_key), saving a read per batch; a batch that updated records (a name may have changed) is read back.
    // Other users' organisations are read by the next batch's refresh.
    settleMatches: async (db, records, matches, context, written) => {
      const index = context.duplicates!;
      if (written.updatedAny) await index.refresh(db);
      for (const { record, id } of written.created) index.put(id, companyNameKey(record.name), record.creditCode ?? null);
      return records.map((record, position) => {
        const earlier = context.matchedAt.get(record);
        if (!earlier) return matches[position] ?? null;
        const found = index.match({ name: record.name, creditCode: record.creditCode ?? null }, earlier.indexSize);
        const better = found && (matches[position] === null || isBetter(found.score, found.key, earlier.score, earlier.key));
        return better ? found.id : (matches[position] ?? null);
      });
    },
    fileKeys: organizationFileKeys,
    writableIds: async (db, actor, ids) => {
      if (ids.length === 0) return new Set();
      const rows = await db
        .select({ id: organizations.id })
        .from(organizations)
        .where(and(inArray(organizations.id, ids), scopeCondition(actor, scoped, 'write'), isNull(organizations.deletedAt)));
      return new Set(rows.map((row) => row.id));
    },
    createMany,
    update,
  });
}

/** For tests and benchmarks: how many live organisations have this name. */
export async function countOrganizationsNamed(db: DbOrTx, name: string): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(organizations).where(and(eq(organizations.name, name), isNull(organizations.deletedAt)));
  return Number(row?.count ?? 0);
}

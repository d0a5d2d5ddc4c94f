// Importing contacts (CUS-2 fields): the contacts API's rules — its zod input schema, the organisation written to must be
// writable, numbering, pinyin keys, an open position, custom fields, the duplicate check (same mobile, same e-mail, same
// name at the same organisation) — with one query per batch where the API does one per record.
import { and, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { buyingRoles, contactAttitudes, contactInputSchema, type ContactInput, type CustomField } from '@openpsm/contracts';
import type { DbOrTx, Tx } from '../../db/client';
import { normalizeContactName, normalizeMobile } from '../../modules/contacts/contact-duplicates';
import { syncContactPosition, trackedFields } from '../../modules/contacts/contacts.service';
import { contactPositions, contacts } from '../../modules/contacts/contacts.table';
import { companyNameKey } from '../../modules/organizations/company-name';
import { nameSearchKeys } from '../../modules/organizations/organizations.service';
import { organizations } from '../../modules/organizations/organizations.table';
import type { Actor } from '../access/actor';
import { ownedRecordTables } from '../access/owned-records';
import { scopeCondition } from '../access/record-scope';
import { recordHistory } from '../audit/audit.table';
import { diffFields } from '../audit/history.service';
import { listCustomFields, validateCustomFieldValues } from '../config/custom-fields.service';
import { nextNumbers } from '../config/numbering.service';
import { AppError } from '../errors';
import { registerImporter, type ImportCandidate, type ImportFieldDefinition, type RowProblem } from './import.registry';
import { customImportFields, customInput, importDate, importField as field, splitList, validateCustomFieldsOf, zodProblems } from './import.values';

const RECORD_TYPE = 'contact';
const scoped = ownedRecordTables.organization;

/** The API's input rules without the organisation id: the importer finds it from the organisation's name or number. */
const contactImportSchema = contactInputSchema.omit({ organizationId: true, confirmDuplicate: true });

export type ContactRecord = Omit<ContactInput, 'organizationId' | 'confirmDuplicate'> & {
  /** Resolved from the organisation cell; absent when the cell is empty (a match may still be updated). */
  organizationId?: string;
  organizationName?: string;
};

/** The mobile as typed (before normalisation): rows stored before normalisation still match on it, as in the API. */
const typedMobile = new WeakMap<ContactRecord, string>();

export const contactImportFields: ImportFieldDefinition[] = [
  field('name', '姓名', 'Name', ['联系人', '联系人姓名', '名字', '客户姓名', 'contact', 'contact name', 'full name'], true),
  field('organization', '单位', 'Organisation', ['单位名称', '公司', '公司名称', '客户', '客户名称', '所属单位', '所属公司', '企业名称', '单位编号', 'organization', 'company', 'company name', 'account'], true),
  field('title', '职务', 'Title', ['职位', '岗位', '头衔', 'job title', 'position']),
  field('department', '部门', 'Department', ['所在部门', '科室', 'dept']),
  field('mobile', '手机', 'Mobile', ['手机号', '手机号码', '移动电话', 'mobile phone', 'cell', 'cellphone']),
  field('phone', '电话', 'Phone', ['座机', '办公电话', '固定电话', '联系电话', 'telephone', 'tel', 'office phone']),
  field('email', '邮箱', 'E-mail', ['电子邮箱', '电子邮件', '邮件', '邮箱地址', 'email', 'mail']),
  field('wechat', '微信', 'WeChat', ['微信号', 'weixin', 'wechat id']),
  field('gender', '性别', 'Gender', ['sex']),
  field('birthday', '生日', 'Birthday', ['出生日期', '出生年月日', 'date of birth', 'dob']),
  field('buyingRole', '采购角色', 'Buying role', ['角色', '决策角色', '采购中角色', 'role']),
  field('attitude', '态度', 'Attitude', ['立场', '倾向', '对我方态度', 'stance']),
  field('relationshipLevel', '关系等级', 'Relationship level', ['关系程度', '关系', '亲密度', 'relationship', 'level']),
  field('hobbies', '爱好', 'Hobbies', ['兴趣爱好', '兴趣', 'interests']),
  field('familyNotes', '家庭情况', 'Family notes', ['家庭', 'family']),
  field('personalNotes', '备注', 'Notes', ['个人备注', '说明', 'remark', 'remarks', 'note', 'personal notes', 'comments']),
  field('revisitOn', '回访日期', 'Revisit on', ['下次回访', '计划回访日', '回访', 'revisit date']),
  field('tags', '标签', 'Tags', ['tag']),
];

/** Chinese (and English) words a spreadsheet holds instead of the codes; the codes themselves count too. */
const words = <Code extends string>(codes: readonly Code[], extra: Record<string, Code>): Map<string, Code> =>
  new Map([...codes.map((code) => [code, code] as const), ...Object.entries(extra).map(([word, code]) => [word.toLowerCase(), code] as const)]);
const buyingRoleWords = words(buyingRoles, {
  决策者: 'decision_maker', 决策人: 'decision_maker', 拍板人: 'decision_maker', 'decision maker': 'decision_maker',
  技术评估: 'technical_evaluator', 技术评估者: 'technical_evaluator', 技术评估人: 'technical_evaluator', 技术把关: 'technical_evaluator', 'technical evaluator': 'technical_evaluator',
  使用者: 'user', 使用人: 'user', 用户: 'user', 最终用户: 'user',
  采购: 'procurement', 采购员: 'procurement', 采购人员: 'procurement',
  财务: 'finance',
  教练: 'coach', 内线: 'coach', '教练/内线': 'coach', '教练 / 内线': 'coach', 'coach / insider': 'coach', insider: 'coach',
});
const attitudeWords = words(contactAttitudes, {
  支持: 'supporter', 支持者: 'supporter', 支持我方: 'supporter', support: 'supporter',
  中立: 'neutral',
  反对: 'opponent', 反对者: 'opponent', 反对我方: 'opponent', against: 'opponent',
});
const genderWords = words(['male', 'female'] as const, { 男: 'male', 男性: 'male', 先生: 'male', m: 'male', 女: 'female', 女性: 'female', 女士: 'female', f: 'female' });
/** 1 初识 … 5 铁杆 (the labels of the contact form), and "3级". */
const levelWords = new Map<string, number>(
  [['初识', 'acquainted'], ['熟悉', 'familiar'], ['信任', 'trusted'], ['密切', 'close'], ['铁杆', 'champion']].flatMap(([zh, en], index) => [
    [zh!, index + 1],
    [en!, index + 1],
    [String(index + 1), index + 1],
    [`${index + 1}级`, index + 1],
  ]),
);

type Context = { customFields: CustomField[] };

async function loadContext(db: DbOrTx): Promise<Context> {
  return { customFields: (await listCustomFields(db, RECORD_TYPE)).filter((definition) => definition.active) };
}

const coded = <Code>(map: Map<string, Code>, text: string): Code | string => map.get(text.normalize('NFKC').trim().toLowerCase()) ?? text;

function toRecord(context: Context, values: Record<string, string>): { record?: ContactRecord; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const text = (key: string) => (values[key] ?? '').trim() || undefined;
  const input: Record<string, unknown> = { name: text('name') ?? '' };
  for (const key of ['title', 'department', 'mobile', 'phone', 'wechat', 'hobbies', 'familyNotes', 'personalNotes'] as const) if (text(key) !== undefined) input[key] = text(key);
  const email = text('email');
  if (email) input.email = email.normalize('NFKC');
  for (const key of ['birthday', 'revisitOn'] as const) if (text(key)) input[key] = importDate(text(key)!);
  if (text('gender')) input.gender = coded(genderWords, text('gender')!);
  if (text('buyingRole')) input.buyingRole = coded(buyingRoleWords, text('buyingRole')!);
  if (text('attitude')) input.attitude = coded(attitudeWords, text('attitude')!);
  const level = text('relationshipLevel');
  if (level) {
    const found = levelWords.get(level.normalize('NFKC').toLowerCase().replace(/\s+/g, ''));
    if (found === undefined) problems.push({ field: 'relationshipLevel', code: 'invalid_option' });
    else input.relationshipLevel = found;
  }
  if (text('tags')) input.tags = splitList(text('tags')!);
  const custom = customInput(context.customFields, text);
  if (custom) input.customFields = custom;

  const parsed = contactImportSchema.safeParse(input);
  if (!parsed.success) problems.push(...zodProblems(parsed.error.issues));
  if (problems.length > 0 || !parsed.success) return { problems };
  const record: ContactRecord = { ...parsed.data };
  if (record.mobile) {
    typedMobile.set(record, record.mobile.trim());
    record.mobile = normalizeMobile(record.mobile);
  }
  return { record, problems };
}

type OrganizationHit = { id: string; name: string; number: string; nameKey: string; canWrite: boolean };

/**
 * The organisations the batch's cells name, in one query: by exact name, by organisation number, then by the
 * normalised company name (上海华东机械设备有限公司 for 华东机械设备(上海)有限公司). Only organisations the actor can read
 * are found; one that is found but not writable is refused, as the contacts API refuses it.
 */
export async function resolveOrganizations(db: DbOrTx, actor: Actor, texts: string[]): Promise<Map<string, OrganizationHit | RowProblem>> {
  const distinct = [...new Set(texts)];
  const result = new Map<string, OrganizationHit | RowProblem>();
  if (distinct.length === 0) return result;
  const keys = [...new Set(distinct.map(companyNameKey))];
  const rows: OrganizationHit[] = (
    await db
      .select({ id: organizations.id, name: organizations.name, number: organizations.number, nameKey: organizations.nameKey, canWrite: sql<boolean>`${scopeCondition(actor, scoped, 'write')}` })
      .from(organizations)
      .where(
        and(
          isNull(organizations.deletedAt),
          scopeCondition(actor, scoped, 'read'),
          or(inArray(organizations.name, distinct), inArray(organizations.number, distinct), inArray(organizations.nameKey, keys)),
        ),
      )
  ).map((row) => ({ ...row, canWrite: Boolean(row.canWrite) }));
  for (const given of distinct) {
    const key = companyNameKey(given);
    const found = [rows.filter((row) => row.name === given), rows.filter((row) => row.number === given), rows.filter((row) => row.nameKey === key)].find((hits) => hits.length > 0) ?? [];
    if (found.length === 0) result.set(given, { field: 'organization', code: 'organization_unknown' });
    else if (found.length > 1) result.set(given, { field: 'organization', code: 'organization_ambiguous', message: found.map((row) => row.name).join('、') });
    else if (!found[0]!.canWrite) result.set(given, { field: 'organization', code: 'organization_not_writable' });
    else result.set(given, found[0]!);
  }
  return result;
}

async function validate(db: DbOrTx, actor: Actor, context: Context, candidates: ImportCandidate<ContactRecord>[]) {
  for (const candidate of candidates) {
    const { record, problems } = toRecord(context, candidate.values);
    candidate.problems.push(...problems);
    if (record) candidate.record = record;
  }
  // Every row's organisation is looked up (a bad row names all its problems), in one query for the batch.
  const organizationText = (candidate: ImportCandidate<ContactRecord>) => (candidate.values.organization ?? '').trim();
  const resolved = await resolveOrganizations(db, actor, candidates.map(organizationText).filter(Boolean));
  for (const candidate of candidates) {
    const given = organizationText(candidate);
    // No organisation: the row can still update the contact it matches (by mobile or e-mail), not create one.
    if (!given) candidate.createProblems = [{ field: 'organization', code: 'required' }];
    else {
      const hit = resolved.get(given)!;
      if ('code' in hit) candidate.problems.push(hit);
      else if (candidate.record) Object.assign(candidate.record, { organizationId: hit.id, organizationName: hit.name });
    }
  }
  const valid = candidates.filter((candidate) => candidate.record && candidate.problems.length === 0);
  if (context.customFields.length > 0) await validateCustomFieldsOf(db, RECORD_TYPE, valid);
  for (const candidate of candidates) if (candidate.problems.length > 0) delete candidate.record;
}

const nameKeyOf = (record: { name: string; organizationId?: string | undefined }) => (record.organizationId ? `${record.organizationId}:${normalizeContactName(record.name)}` : null);

/** Keys that make two rows of a file the same person: the mobile, the e-mail, the name at the same organisation. */
export function contactFileKeys(record: ContactRecord): string[] {
  const keys: string[] = [];
  if (record.mobile) keys.push(`mobile:${record.mobile}`);
  if (record.email) keys.push(`email:${record.email.trim().toLowerCase()}`);
  const nameKey = nameKeyOf(record);
  if (nameKey) keys.push(`name:${nameKey}`);
  return keys;
}

/**
 * The API's duplicate check (contact-duplicates.ts) for a whole batch in one query: the same mobile (stored or typed
 * form) or e-mail anywhere, or the same name at the same organisation. A mobile or e-mail match wins over a name one.
 */
export async function findContactMatches(db: DbOrTx, records: ContactRecord[]): Promise<(string | null)[]> {
  const mobiles = new Set<string>();
  const emails = new Set<string>();
  const names: { o: string; n: string }[] = [];
  for (const record of records) {
    if (record.mobile) {
      mobiles.add(record.mobile);
      if (typedMobile.has(record)) mobiles.add(typedMobile.get(record)!);
    }
    if (record.email) emails.add(record.email.trim().toLowerCase());
    if (record.organizationId) names.push({ o: record.organizationId, n: normalizeContactName(record.name) });
  }
  // Two arms, each on its indexes: mobile or e-mail (a bitmap OR of two indexes), and the batch's (organisation, name)
  // pairs joined to the contacts of those organisations (the literal list lets the planner estimate and use
  // contacts_organization_idx) — one round trip.
  const columns = sql`c.id, c.organization_id as "organizationId", c.mobile, lower(c.email) as email, regexp_replace(lower(c.name), '\\s+', '', 'g') as name, c.created_at as "createdAt"`;
  const parts: SQL[] = [];
  const identity: SQL[] = [];
  if (mobiles.size > 0) identity.push(sql`c.mobile in ${[...mobiles]}`);
  if (emails.size > 0) identity.push(sql`lower(c.email) in ${[...emails]}`);
  if (identity.length > 0) parts.push(sql`select ${columns} from ${contacts} c where c.deleted_at is null and (${sql.join(identity, sql` or `)})`);
  if (names.length > 0) {
    parts.push(sql`select ${columns} from jsonb_to_recordset(${JSON.stringify(names)}::jsonb) as given(o uuid, n text)
      join ${contacts} c on c.organization_id = given.o and c.deleted_at is null and regexp_replace(lower(c.name), '\\s+', '', 'g') = given.n
      where c.organization_id in ${[...new Set(names.map((name) => name.o))]}`);
  }
  if (parts.length === 0) return records.map(() => null);
  const result = await db.execute<{ id: string; organizationId: string; mobile: string | null; email: string | null; name: string }>(
    sql`${sql.join(parts, sql` union `)} order by "createdAt", id`,
  );
  const rows = result.rows;
  const byMobile = new Map<string, string>();
  const byEmail = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const row of rows) {
    if (row.mobile) for (const form of [row.mobile, normalizeMobile(row.mobile)]) if (!byMobile.has(form)) byMobile.set(form, row.id);
    if (row.email && !byEmail.has(row.email)) byEmail.set(row.email, row.id);
    const nameKey = `${row.organizationId}:${row.name}`;
    if (!byName.has(nameKey)) byName.set(nameKey, row.id);
  }
  return records.map((record) => {
    const nameKey = nameKeyOf(record);
    return (
      (record.mobile ? byMobile.get(record.mobile) : undefined) ??
      (record.email ? byEmail.get(record.email.trim().toLowerCase()) : undefined) ??
      (nameKey ? byName.get(nameKey) : undefined) ??
      null
    );
  });
}

/** A record's fields as the contacts table takes them (no organisation name, no undefined). */
function columnsOf(record: ContactRecord) {
  const { organizationName: _name, organizationId: _id, customFields: _custom, ...fields } = record;
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<typeof contacts.$inferInsert>;
}

async function createMany(tx: Tx, actor: Actor, entries: { record: ContactRecord; duplicateConfirmed: boolean }[]): Promise<string[]> {
  if (entries.length === 0) return [];
  const now = new Date();
  const numbers = await nextNumbers(tx, RECORD_TYPE, entries.length, now);
  const rows = await tx
    .insert(contacts)
    .values(
      entries.map(({ record }, index) => ({
        ...columnsOf(record),
        name: record.name,
        organizationId: record.organizationId!,
        ...nameSearchKeys(record.name),
        number: numbers[index]!,
        tags: record.tags ?? [],
        customFields: record.customFields ?? {},
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .returning();
  // The current position of each, as the API opens one on create.
  await tx.insert(contactPositions).values(rows.map((row) => ({ contactId: row.id, organizationId: row.organizationId, title: row.title, department: row.department, startedAt: now })));
  // One insert for the batch's history: a line per contact with its organisation and what it was created with.
  await tx.insert(recordHistory).values(
    rows.map((row, index) => ({
      recordType: RECORD_TYPE,
      recordId: row.id,
      action: 'import',
      actorId: actor.userId,
      changes: [
        { field: 'organization', old: null, new: entries[index]!.record.organizationName ?? null },
        ...diffFields({} as Record<string, unknown>, row as unknown as Record<string, unknown>, trackedFields).filter((change) => change.new !== null),
      ],
      note: entries[index]!.duplicateConfirmed ? 'duplicate_confirmed' : null,
    })),
  );
  return rows.map((row) => row.id);
}

/**
 * Applies the row's filled fields to the matched contact, with history. Another organisation in the row is a job
 * change, as in the API: the open position closes (kept in the timeline) and one at the new organisation opens.
 */
async function update(tx: Tx, actor: Actor, id: string, record: ContactRecord, now = new Date()): Promise<'updated' | 'unchanged' | RowProblem> {
  const [current] = await tx
    .select({ contact: contacts, organizationName: organizations.name })
    .from(contacts)
    .innerJoin(organizations, eq(organizations.id, contacts.organizationId))
    .where(and(eq(contacts.id, id), isNull(contacts.deletedAt), scopeCondition(actor, scoped, 'write')))
    .for('update', { of: contacts });
  if (!current) return { field: 'row', code: 'match_not_writable' };
  const row = current.contact;
  const patch: Record<string, unknown> = columnsOf(record);
  if (record.customFields !== undefined) {
    try {
      patch.customFields = await validateCustomFieldValues(tx, RECORD_TYPE, record.customFields, row.customFields);
    } catch (error) {
      if (error instanceof AppError && error.errors?.[0]) return { field: error.errors[0].path.replace('customFields.', 'cf.'), code: error.errors[0].code };
      throw error;
    }
  }
  if (patch.name) Object.assign(patch, nameSearchKeys(patch.name as string));
  const moving = record.organizationId !== undefined && record.organizationId !== row.organizationId;
  if (moving) {
    // Checked when the batch was read; checked again under the lock, as the API does on a move.
    const [target] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(eq(organizations.id, record.organizationId!), isNull(organizations.deletedAt), scopeCondition(actor, scoped, 'write')));
    if (!target) return { field: 'organization', code: 'organization_not_writable' };
  }
  const changes = diffFields(row as unknown as Record<string, unknown>, patch, trackedFields);
  if (changes.length === 0 && !moving) return 'unchanged';
  const [saved] = await tx
    .update(contacts)
    .set({ ...patch, ...(moving ? { organizationId: record.organizationId! } : {}), version: row.version + 1, updatedAt: now })
    .where(eq(contacts.id, id))
    .returning();
  await syncContactPosition(tx, id, saved!, moving ? record.organizationId! : null, now);
  const moveChanges = moving
    ? [
        { field: 'organization', old: current.organizationName, new: record.organizationName ?? null },
        { field: 'organizationId', old: row.organizationId, new: record.organizationId! },
      ]
    : [];
  await tx.insert(recordHistory).values({ recordType: RECORD_TYPE, recordId: id, action: 'import', actorId: actor.userId, changes: [...moveChanges, ...changes] });
  return 'updated';
}

export function registerContactImporter() {
  registerImporter<ContactRecord, Context>({
    recordType: RECORD_TYPE,
    permission: 'contact.import',
    editPermission: 'contact.edit',
    fields: contactImportFields,
    fieldsFor: (db) => customImportFields(db, RECORD_TYPE),
    loadContext: (db) => loadContext(db),
    validate,
    findMatch: async (db, record) => (await findContactMatches(db, [record]))[0] ?? null,
    findMatches: (db, records) => findContactMatches(db, records),
    fileKeys: contactFileKeys,
    writableIds: async (db, actor, ids) => {
      if (ids.length === 0) return new Set();
      const rows = await db
        .select({ id: contacts.id })
        .from(contacts)
        .innerJoin(organizations, eq(organizations.id, contacts.organizationId))
        .where(and(inArray(contacts.id, ids), isNull(contacts.deletedAt), scopeCondition(actor, scoped, 'write')));
      return new Set(rows.map((row) => row.id));
    },
    createMany,
    update: (tx, actor, id, record) => update(tx, actor, id, record),
  });
}

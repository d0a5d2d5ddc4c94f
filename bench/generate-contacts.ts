// Contacts for the benchmark (issue 4): about three people per live organisation with the fields a rep fills in —
// title, department, mobile, e-mail, buying role, attitude — and a few ties between them. Set-based SQL like
// generate.ts: json_to_recordset, 5,000 rows a statement, inside the generator's transaction.
import { sql } from 'drizzle-orm';
import type { Tx } from '../server/src/db/client';
import { nameSearchKeys } from '../server/src/modules/organizations/organizations.service';
import { givenNameCharacters, surnames } from './vocabulary';

type Random = () => number;
const BATCH = 5_000;

const titles = ['总经理', '副总经理', '总工程师', '技术总监', '采购经理', '设备部经理', '项目经理', '财务总监', '工程师', '采购专员', '生产厂长', '设计院主任工程师'];
const departments = ['总经办', '设备部', '采购部', '技术部', '工程部', '财务部', '生产部', '项目部'];
const buyingRoles = ['decision_maker', 'technical_evaluator', 'user', 'procurement', 'finance', 'coach'];
const attitudes = ['supporter', 'neutral', 'neutral', 'opponent'];

export type GeneratedContacts = { contacts: number; ties: number; sampleMobile: string | null };

/** `perOrganization` on average (1 … 2×perOrganization − 1 each), for the live organisations given. */
export async function insertContacts(tx: Tx, random: Random, organizationIds: string[], perOrganization: number, log: (line: string) => void): Promise<GeneratedContacts> {
  if (perOrganization <= 0 || organizationIds.length === 0) return { contacts: 0, ties: 0, sampleMobile: null };
  const indexes = (await tx.execute(
    sql`select indexname, indexdef from pg_indexes where schemaname = 'public' and tablename = 'contacts' and indexname <> 'contacts_pkey'`,
  )) as unknown as { rows: { indexname: string; indexdef: string }[] };
  for (const index of indexes.rows) await tx.execute(sql.raw(`drop index "${index.indexname}"`));

  let number = 0;
  let batch: Record<string, unknown>[] = [];
  const positions: Record<string, unknown>[] = [];
  const ties: { from_id: string; to_id: string; type: string }[] = [];
  let sampleMobile: string | null = null;
  const flush = async () => {
    if (batch.length === 0) return;
    await tx.execute(sql`
      insert into contacts (id, number, organization_id, name, name_pinyin, name_initials, gender, title, department, mobile, email,
                            buying_role, attitude, relationship_level, birthday, created_at, updated_at)
      select id, number, organization_id, name, name_pinyin, name_initials, gender, title, department, mobile, email,
             buying_role, attitude, relationship_level, birthday, created_at, created_at
        from json_to_recordset(${JSON.stringify(batch)}::json)
             as r(id uuid, number text, organization_id uuid, name text, name_pinyin text, name_initials text, gender text,
                  title text, department text, mobile text, email text, buying_role text, attitude text,
                  relationship_level smallint, birthday date, created_at timestamptz)`);
    await tx.execute(sql`
      insert into contact_positions (contact_id, organization_id, title, department, started_at)
      select contact_id, organization_id, title, department, started_at
        from json_to_recordset(${JSON.stringify(positions)}::json)
             as r(contact_id uuid, organization_id uuid, title text, department text, started_at timestamptz)`);
    batch = [];
    positions.length = 0;
    if (Math.floor(number / BATCH) % 20 === 0) log(`  ${number.toLocaleString('en')} contacts`);
  };

  for (const organizationId of organizationIds) {
    const count = 1 + Math.floor(random() * (2 * perOrganization - 1));
    const colleagues: string[] = [];
    for (let index = 0; index < count; index += 1) {
      number += 1;
      const id = uuid(random);
      const name = surnames[Math.floor(random() * surnames.length)]! + given(random);
      const keys = nameSearchKeys(name);
      const mobile = `1${3 + Math.floor(random() * 7)}${String(Math.floor(random() * 1e9)).padStart(9, '0')}`;
      sampleMobile ??= mobile;
      const title = titles[Math.floor(random() * titles.length)]!;
      const department = departments[Math.floor(random() * departments.length)]!;
      const createdAt = new Date(Date.now() - Math.floor(random() * 700) * 86_400_000).toISOString();
      batch.push({
        id,
        number: `BENCH-C-${String(number).padStart(7, '0')}`,
        organization_id: organizationId,
        name,
        name_pinyin: keys.namePinyin,
        name_initials: keys.nameInitials,
        gender: random() < 0.7 ? 'male' : 'female',
        title,
        department,
        mobile,
        email: random() < 0.6 ? `${keys.namePinyin}${number}@example.cn` : null,
        buying_role: random() < 0.8 ? buyingRoles[Math.floor(random() * buyingRoles.length)] : null,
        attitude: random() < 0.7 ? attitudes[Math.floor(random() * attitudes.length)] : null,
        relationship_level: 1 + Math.floor(random() * 5),
        birthday: random() < 0.3 ? `19${60 + Math.floor(random() * 35)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}` : null,
        created_at: createdAt,
      });
      positions.push({ contact_id: id, organization_id: organizationId, title, department, started_at: createdAt });
      // Colleagues report to the first person of their organisation now and then.
      if (colleagues.length > 0 && random() < 0.3) ties.push({ from_id: id, to_id: colleagues[0]!, type: 'reports_to' });
      colleagues.push(id);
      if (batch.length >= BATCH) await flush();
    }
  }
  await flush();
  for (let start = 0; start < ties.length; start += BATCH) {
    await tx.execute(sql`
      insert into person_ties (from_kind, from_id, to_kind, to_id, type)
      select 'contact', from_id, 'contact', to_id, type from json_to_recordset(${JSON.stringify(ties.slice(start, start + BATCH))}::json)
             as r(from_id uuid, to_id uuid, type text)`);
  }
  const started = performance.now();
  for (const index of indexes.rows) await tx.execute(sql.raw(index.indexdef));
  log(`  ${number.toLocaleString('en')} contacts, ${ties.length.toLocaleString('en')} ties; ${indexes.rows.length} contact indexes rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { contacts: number, ties: ties.length, sampleMobile };
}

function given(random: Random): string {
  const pickOne = () => givenNameCharacters[Math.floor(random() * givenNameCharacters.length)]!;
  return random() < 0.35 ? pickOne() : pickOne() + pickOne();
}

function uuid(random: Random): string {
  const bytes = Array.from({ length: 16 }, () => Math.floor(random() * 256));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// Contact duplicate check (CUS-3 for people): the same mobile or e-mail anywhere, or the same name at the same
// organisation. Exported for the merge and import modules, which ask the same question.
import { and, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { ContactDuplicateCandidate } from '@openpsm/contracts';
import type { DbOrTx } from '../../db/client';
import { organizations } from '../organizations/organizations.table';
import { contacts } from './contacts.table';

export type ContactDuplicateInput = {
  name?: string | null | undefined;
  organizationId?: string | null | undefined;
  mobile?: string | null | undefined;
  email?: string | null | undefined;
};

/** A mobile is stored and compared without the spaces and hyphens people type into it. */
export const normalizeMobile = (mobile: string): string => mobile.replace(/[\s\-()]/g, '');
/** Names compare without case and white space: "王 建国" is 王建国. */
export const normalizeContactName = (name: string): string => name.toLowerCase().replace(/\s+/g, '');

const reasonScore = { mobile: 1, email: 1, name: 0.8 } as const;

export async function findDuplicateContacts(db: DbOrTx, input: ContactDuplicateInput, excludeId?: string): Promise<ContactDuplicateCandidate[]> {
  const mobile = input.mobile ? normalizeMobile(input.mobile) : '';
  const email = input.email?.trim().toLowerCase() ?? '';
  const name = input.name ? normalizeContactName(input.name) : '';
  const matches: SQL[] = [];
  // Both the stored form and the raw form: rows written before normalisation (imports) still match.
  if (mobile) matches.push(or(eq(contacts.mobile, mobile), eq(contacts.mobile, input.mobile!.trim())) as SQL);
  if (email) matches.push(sql`lower(${contacts.email}) = ${email}`);
  if (name && input.organizationId) {
    matches.push(and(eq(contacts.organizationId, input.organizationId), sql`regexp_replace(lower(${contacts.name}), '\\s+', '', 'g') = ${name}`) as SQL);
  }
  if (matches.length === 0) return [];
  const rows = await db
    .select({
      id: contacts.id,
      name: contacts.name,
      organizationId: contacts.organizationId,
      organizationName: organizations.name,
      mobile: contacts.mobile,
      email: contacts.email,
    })
    .from(contacts)
    .innerJoin(organizations, eq(organizations.id, contacts.organizationId))
    .where(and(isNull(contacts.deletedAt), or(...matches), excludeId ? sql`${contacts.id} <> ${excludeId}` : undefined))
    .limit(10);
  return rows
    .map((row) => {
      const reason =
        mobile && row.mobile && normalizeMobile(row.mobile) === mobile
          ? ('mobile' as const)
          : email && row.email?.toLowerCase() === email
            ? ('email' as const)
            : ('name' as const);
      return { ...row, reason, score: reasonScore[reason] };
    })
    .sort((left, right) => right.score - left.score);
}

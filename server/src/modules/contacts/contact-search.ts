// Finding a contact by a fragment of their mobile, phone or e-mail: the last digits of a mobile ("5678"), a piece typed
// with spaces or dashes ("138 0013"), the start of an address ("zhang@"). The contacts list and the header search ask
// the same question. Each condition repeats its index's expression exactly (contacts.table.ts, migration 0008), so the
// trigram GIN indexes answer it; pg_trgm needs three characters, so a shorter fragment is not asked for.
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { contacts } from './contacts.table';

/** Characters people type into phone numbers that are not part of the number. */
const PHONE_NOISE = /[ \-()]/g;
const MIN_FRAGMENT = 3;

/** The digits (and a leading +) of a phone number: the form the trigram indexes hold. */
export const phoneDigitsOf = (value: string): string => value.replace(PHONE_NOISE, '');

/** The index expression for a phone column; the literal must stay the same as in contacts.table.ts. */
export const phoneDigitsSql = (column: AnyPgColumn): SQL => sql`translate(${column}, ' -()', '')`;

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/** What a query may be a fragment of: null for a field it cannot be part of. */
export function contactPointFragments(q: string): { phone: string | null; email: string | null } {
  const text = q.trim();
  const digits = /^[0-9+\-() ]+$/.test(text) ? phoneDigitsOf(text) : '';
  const lower = text.toLowerCase();
  return {
    phone: digits.length >= MIN_FRAGMENT ? digits : null,
    // Letters, digits (QQ mail addresses are numbers) and the punctuation of an address; no spaces.
    email: /^[a-z0-9._%+@-]+$/.test(lower) && lower.length >= MIN_FRAGMENT ? lower : null,
  };
}

/** OR-able conditions: mobile, phone and e-mail containing the fragment; none when the query cannot be one. */
export function contactPointConditions(q: string): SQL[] {
  const { phone, email } = contactPointFragments(q);
  const conditions: SQL[] = [];
  if (phone) {
    const pattern = `%${likeEscape(phone)}%`;
    conditions.push(sql`${phoneDigitsSql(contacts.mobile)} like ${pattern}`, sql`${phoneDigitsSql(contacts.phone)} like ${pattern}`);
  }
  if (email) conditions.push(sql`lower(${contacts.email}) like ${`%${likeEscape(email)}%`}`);
  return conditions;
}

/** Which contact point a found row matched on, for the search box's hint; null when none did. */
export function contactPointMatchedOn(row: { mobile: string | null; phone: string | null; email: string | null }, q: string): 'mobile' | 'phone' | 'email' | null {
  const { phone, email } = contactPointFragments(q);
  if (phone && row.mobile && phoneDigitsOf(row.mobile).includes(phone)) return 'mobile';
  if (phone && row.phone && phoneDigitsOf(row.phone).includes(phone)) return 'phone';
  if (email && row.email?.toLowerCase().includes(email)) return 'email';
  return null;
}

// Fixtures the pool tests share: an organisation put straight into a pool (or owned since a given time), an actor
// for service calls that take a clock, and the Asia/Shanghai calendar helpers.
import { eq } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor';
import { actorFromToken } from '../../platform/auth/session-lookup';
import type { TestApp } from '../../test/test-app';
import { nameSearchKeys } from '../organizations/organizations.service';
import { organizations } from '../organizations/organizations.table';

let counter = 0;

export async function insertOrganization(
  t: TestApp,
  name: string,
  fields: Partial<typeof organizations.$inferInsert> = {},
): Promise<string> {
  counter += 1;
  const [row] = await t.database.db
    .insert(organizations)
    .values({ number: `T-${Date.now()}-${counter}`, name, type: 'owner', ...nameSearchKeys(name), ...fields })
    .returning({ id: organizations.id });
  return row!.id;
}

export async function actorOf(t: TestApp, token: string): Promise<Actor> {
  const actor = await actorFromToken(t.database.db, token, null);
  if (!actor) throw new Error('no actor for token');
  return actor;
}

export const DAY = 86_400_000;
export const addDays = (date: Date, days: number) => new Date(date.getTime() + days * DAY);

/** 00:30 Shanghai time (UTC+8, no daylight saving) `days` calendar days after `from`'s Shanghai day. */
export function shanghaiEarlyMorning(from: Date, days: number): Date {
  const local = new Date(from.getTime() + 8 * 3_600_000);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + days, 0, 30) - 8 * 3_600_000);
}

export async function organizationRow(t: TestApp, id: string) {
  const [row] = await t.database.db.select().from(organizations).where(eq(organizations.id, id));
  return row!;
}

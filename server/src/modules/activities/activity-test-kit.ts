// Fixtures the activity tests share: a small sales team (a supervisor with two reps, a rep elsewhere, a user without
// activity permissions), customers, contacts and a project written straight into the tables.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { roles } from '../../platform/access/access.table';
import type { TestApp } from '../../test/test-app';
import { contacts } from '../contacts/contacts.table';
import { nameSearchKeys } from '../organizations/organizations.service';
import { createTestOrganization, createTestProcess, createTestProject } from '../pipeline/test-fixtures';
import { reminders } from '../../platform/reminders/reminders.table';

export type Team = {
  ids: Record<'supervisor' | 'rep' | 'peer' | 'outsider' | 'viewer' | 'manager', string>;
  tokens: Record<'supervisor' | 'rep' | 'peer' | 'outsider' | 'viewer' | 'manager', string>;
  departments: Record<'east' | 'shanghai' | 'north', string>;
  /** The rep's customer, contacts and project; the peer's customer and contact. */
  orgRep: string;
  orgPeer: string;
  contactRep: string;
  contactRep2: string;
  contactPeer: string;
  projectRep: string;
};

export async function createContact(t: TestApp, organizationId: string, name: string): Promise<string> {
  const [row] = await t.database.db
    .insert(contacts)
    .values({ number: `CT-T-${randomUUID().slice(0, 8)}`, organizationId, name, ...nameSearchKeys(name) })
    .returning({ id: contacts.id });
  return row!.id;
}

/**
 * 华东 (manager) › 上海 (supervisor › rep, peer); 华北 (outsider). `viewer` reads customers but has no activity rights.
 */
export async function createTeam(t: TestApp): Promise<Team> {
  const db = t.database.db;
  const east = await t.createDepartment('华东大区');
  const shanghai = await t.createDepartment('上海分公司', east);
  const north = await t.createDepartment('华北大区');
  const manager = await t.createUser({ username: 'manager', departmentId: east, role: 'sales_manager', position: 'manager' });
  const supervisor = await t.createUser({ username: 'supervisor', departmentId: shanghai, role: 'supervisor', position: 'supervisor', managerId: manager });
  const rep = await t.createUser({ username: 'rep', departmentId: shanghai, role: 'sales_rep', managerId: supervisor });
  const peer = await t.createUser({ username: 'peer', departmentId: shanghai, role: 'sales_rep', managerId: supervisor });
  const outsider = await t.createUser({ username: 'outsider', departmentId: north, role: 'sales_rep' });
  const [viewerRole] = await db
    .insert(roles)
    .values({ code: `viewer${randomUUID().slice(0, 6)}`, name: '只读', permissions: ['organization.view', 'contact.view'], scopes: { organization: 'all' } })
    .returning();
  const viewer = await t.createUser({ username: 'viewer', departmentId: east, role: viewerRole!.code });
  const ids = { supervisor, rep, peer, outsider, viewer, manager };
  const tokens = {} as Team['tokens'];
  for (const name of Object.keys(ids) as (keyof typeof ids)[]) tokens[name] = await t.login(name);

  const orgRep = await createTestOrganization(db, rep, '上海宝钢测试客户');
  const orgPeer = await createTestOrganization(db, peer, '上海城投测试客户');
  const process = await createTestProcess(db);
  const projectRep = await createTestProject(db, { process, organizationId: orgRep, ownerId: rep, name: '宝钢冷轧泵组项目' });
  return {
    ids,
    tokens,
    departments: { east, shanghai, north },
    orgRep,
    orgPeer,
    contactRep: await createContact(t, orgRep, '王建华'),
    contactRep2: await createContact(t, orgRep, '李春梅'),
    contactPeer: await createContact(t, orgPeer, '赵国强'),
    projectRep,
  };
}

/** The pending (or every) reminder of a record. */
export async function remindersOf(t: TestApp, recordId: string) {
  return t.database.db.select().from(reminders).where(eq(reminders.recordId, recordId));
}

export const paths = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((error) => error.path).sort();

export const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

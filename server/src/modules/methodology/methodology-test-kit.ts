/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are read loosely in tests */
// Fixtures shared by the methodology tests: an app with a manager and reps, an owner organisation, projects created
// through the projects API, and helpers that satisfy one gate criterion the way a rep would (or as its module writes it).
import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { GateCriterion } from '@openpsm/contracts';
import { createTestApp, type TestApp } from '../../test/test-app';
import { contacts } from '../contacts/contacts.table';
import { projectCompetitors, projectMembers, projectStakeholders } from '../projects/projects.table';
import { tenders } from '../tenders/tenders.table';
import { salesProcesses, salesStages } from './methodology.table';

export type Kit = {
  t: TestApp;
  ids: Record<string, string>;
  tokens: Record<string, string>;
  orgs: Record<string, string>;
  departments: Record<string, string>;
};

export async function createKit(): Promise<Kit> {
  const t = await createTestApp();
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  const departments: Record<string, string> = {};
  departments.company = await t.createDepartment('总公司');
  departments.east = await t.createDepartment('华东大区', departments.company);
  departments.shanghai = await t.createDepartment('上海一组', departments.east);
  departments.north = await t.createDepartment('华北大区', departments.company);
  ids.director = await t.createUser({ username: 'director', departmentId: departments.company, role: 'sales_director', position: 'director' });
  ids.manager = await t.createUser({ username: 'manager', departmentId: departments.east, role: 'sales_manager', position: 'manager' });
  ids.rep = await t.createUser({ username: 'rep', departmentId: departments.shanghai, role: 'sales_rep', managerId: ids.manager });
  ids.northrep = await t.createUser({ username: 'northrep', departmentId: departments.north, role: 'sales_rep' });
  ids.presales = await t.createUser({ username: 'presales', departmentId: departments.shanghai, role: 'presales_engineer' });
  for (const name of ['director', 'manager', 'rep', 'northrep', 'presales']) tokens[name] = await t.login(name);
  tokens.admin = await t.login('admin');
  const orgs: Record<string, string> = {};
  const org = async (token: string, name: string, type = 'owner') => {
    const response = await t.call(token, 'POST', '/api/v1/organizations', { name, type, confirmDuplicate: true });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body.id as string;
  };
  orgs.rep = await org(tokens.rep!, '上海宝钢设备工程公司');
  orgs.northrep = await org(tokens.northrep!, '天津港务局机械处');
  orgs.competitor = await org(tokens.director!, '格兰富水泵（上海）有限公司', 'competitor');
  return { t, ids, tokens, orgs, departments };
}

export async function createProject(kit: Kit, name: string, extra: Record<string, unknown> = {}, token = kit.tokens.rep!) {
  const response = await kit.t.call(token, 'POST', '/api/v1/projects', { name, organizationId: kit.orgs.rep, ...extra });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string; version: number; processId: string; stage: { id: string; code: string } };
}

export async function processByCode(kit: Kit, code: string) {
  const [process] = await kit.t.database.db.select().from(salesProcesses).where(eq(salesProcesses.code, code));
  return process!;
}

export async function stageByCode(kit: Kit, processId: string, code: string) {
  const [stage] = await kit.t.database.db
    .select()
    .from(salesStages)
    .where(and(eq(salesStages.processId, processId), eq(salesStages.code, code)));
  return stage!;
}

export const currentVersion = async (kit: Kit, projectId: string) => (await kit.t.call(kit.tokens.director!, 'GET', `/api/v1/projects/${projectId}`)).body.version as number;

export async function advance(kit: Kit, token: string, projectId: string, toStageId: string, extra: Record<string, unknown> = {}) {
  return kit.t.call(token, 'POST', `/api/v1/projects/${projectId}/advance`, { toStageId, version: await currentVersion(kit, projectId), ...extra });
}

let contactCount = 0;

/** Does what the criterion asks, as the rep (fields and checklist through the API) or as the owning module writes it. */
export async function satisfy(kit: Kit, projectId: string, processId: string, criterion: GateCriterion, token = kit.tokens.rep!) {
  const db = kit.t.database.db;
  switch (criterion.type) {
    case 'field': {
      const values: Record<string, unknown> = { amount: '1280000.00', expectedSignDate: '2026-12-31', productLines: ['pumps'], budgetConfirmed: true, source: 'referral', site: '宝山基地', region: 'east', description: '二期扩建' };
      const response = await kit.t.call(token, 'PATCH', `/api/v1/projects/${projectId}`, { [criterion.field]: values[criterion.field], version: await currentVersion(kit, projectId) });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return;
    }
    case 'checklist': {
      const stage = await stageByCode(kit, processId, criterion.stage);
      const response = await kit.t.call(token, 'PUT', `/api/v1/projects/${projectId}/checklist/${stage.id}/${criterion.item}`, { done: true });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return;
    }
    case 'stakeholder': {
      const role = criterion.buyingRoles?.[0] ?? criterion.buyingRole ?? null;
      for (let index = 0; index < criterion.minCount; index += 1) {
        contactCount += 1;
        const [contact] = await db.insert(contacts).values({ organizationId: kit.orgs.rep!, name: `联系人${contactCount}`, number: `CT-T-${contactCount}` } as any).returning();
        await db.insert(projectStakeholders).values({ projectId, contactId: contact!.id, buyingRole: role, attitude: criterion.attitude ?? null, influence: 4 });
      }
      return;
    }
    case 'record': {
      for (let index = 0; index < criterion.minCount; index += 1) {
        if (criterion.record === 'competitor') await db.insert(projectCompetitors).values({ projectId, organizationId: kit.orgs.competitor! });
        else if (criterion.record === 'team_member') await db.insert(projectMembers).values({ projectId, userId: kit.ids.presales!, role: 'presales', access: 'edit' });
        else if (criterion.record === 'bid_decision' || criterion.record === 'tender') {
          contactCount += 1;
          await db.insert(tenders).values({ projectId, number: `TB-T-${contactCount}`, title: '招标', bidDecision: criterion.record === 'bid_decision' ? 'bid' : 'pending' } as any);
        } else throw new Error(`no fixture for ${criterion.record}`);
      }
      return;
    }
  }
}

/** What the API must say about an unmet criterion: its code and its parameters, written out independently of the server. */
export function expectedUnmet(stageCode: string, criterion: GateCriterion) {
  switch (criterion.type) {
    case 'field':
      return { stageCode, code: 'field_missing', params: { field: criterion.field } };
    case 'checklist':
      return { stageCode, code: 'checklist_item_open', params: expect.objectContaining({ stage: criterion.stage, item: criterion.item }) };
    case 'stakeholder':
      return {
        stageCode,
        code: 'stakeholder_missing',
        params: { buyingRoles: criterion.buyingRoles ?? (criterion.buyingRole ? [criterion.buyingRole] : []), attitude: criterion.attitude ?? null, minCount: criterion.minCount, actual: expect.any(Number) },
      };
    case 'record':
      return { stageCode, code: 'record_missing', params: { record: criterion.record, minCount: criterion.minCount, actual: 0 } };
  }
}

export const unmetOf = (body: any) => (body.unmet as any[]).map((entry) => ({ stageCode: entry.stageCode, code: entry.code, params: entry.params }));

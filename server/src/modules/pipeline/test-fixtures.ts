// Test fixtures for the board, the stalled alerts and the plan: a process of its own and projects written straight
// into the tables (the projects API is another module's), so these tests depend on the schema only.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client';
import { authChanged } from '../../platform/auth/actor-cache';
import { salesProcesses, salesStages } from '../methodology/methodology.table';
import { organizations } from '../organizations/organizations.table';
import { projectMembers, projects } from '../projects/projects.table';

export type TestProcess = { processId: string; stageIds: string[] };

/** A four-stage process (10 / 25 / 50 / 90 %), with a code of its own so it never meets the built-in ones. */
export async function createTestProcess(db: Db, code = `t${randomUUID().slice(0, 8)}`): Promise<TestProcess> {
  const [process] = await db.insert(salesProcesses).values({ code, nameZh: `测试流程${code}`, nameEn: `Test ${code}` }).returning();
  const stageIds: string[] = [];
  for (const [index, probability] of [10, 25, 50, 90].entries()) {
    const [stage] = await db
      .insert(salesStages)
      .values({ processId: process!.id, code: `S${index + 1}`, nameZh: `阶段${index + 1}`, nameEn: `Stage ${index + 1}`, sort: (index + 1) * 10, probability })
      .returning();
    stageIds.push(stage!.id);
  }
  return { processId: process!.id, stageIds };
}

let organizationSeq = 0;
export async function createTestOrganization(db: Db, ownerId: string, name = `测试业主单位${++organizationSeq}`): Promise<string> {
  const [row] = await db.insert(organizations).values({ number: `ORG-T-${randomUUID().slice(0, 8)}`, name, type: 'owner', ownerId }).returning();
  return row!.id;
}

let projectSeq = 0;
export type TestProjectInput = {
  process: TestProcess;
  stage?: number;
  ownerId: string;
  organizationId: string;
  name?: string;
  amount?: string | null;
  expectedSignDate?: string | null;
  productLines?: string[];
  valueGrade?: string | null;
  healthScore?: number | null;
  status?: string;
  stageEnteredAt?: Date;
  lastActivityAt?: Date | null;
};

export async function createTestProject(db: Db, input: TestProjectInput): Promise<string> {
  const stage = input.stage ?? 0;
  const [row] = await db
    .insert(projects)
    .values({
      number: `PRJ-T-${String(++projectSeq).padStart(5, '0')}-${randomUUID().slice(0, 4)}`,
      name: input.name ?? `测试项目${projectSeq}`,
      organizationId: input.organizationId,
      processId: input.process.processId,
      stageId: input.process.stageIds[stage]!,
      probability: [10, 25, 50, 90][stage]!,
      ownerId: input.ownerId,
      amount: input.amount === undefined ? '100000.00' : input.amount,
      expectedSignDate: input.expectedSignDate ?? null,
      productLines: input.productLines ?? [],
      valueGrade: input.valueGrade ?? null,
      healthScore: input.healthScore ?? null,
      status: input.status ?? 'open',
      ...(input.stageEnteredAt ? { stageEnteredAt: input.stageEnteredAt } : {}),
      lastActivityAt: input.lastActivityAt ?? null,
    })
    .returning({ id: projects.id });
  return row!.id;
}

export async function addTestMember(db: Db, projectId: string, userId: string, access: 'read' | 'edit' = 'read'): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(projectMembers).values({ projectId, userId, role: 'presales', access });
    await authChanged(tx);
  });
}

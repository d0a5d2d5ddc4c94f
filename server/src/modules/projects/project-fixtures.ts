// Test fixtures for project tests: a sales process to start projects in. When the built-in processes are seeded
// (bootstrap), their default is used; otherwise a small default process is inserted (open 10 → open 50 → won 100).
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { salesProcesses, salesStages } from '../methodology/methodology.table';

export type ProcessFixture = { processId: string; stages: (typeof salesStages.$inferSelect)[]; first: typeof salesStages.$inferSelect; won: typeof salesStages.$inferSelect };

export async function ensureTestProcess(db: Db): Promise<ProcessFixture> {
  let [process] = await db.select().from(salesProcesses).where(and(eq(salesProcesses.isDefault, true), eq(salesProcesses.active, true))).limit(1);
  if (!process) {
    [process] = await db.insert(salesProcesses).values({ code: 'test_default', nameZh: '测试流程', nameEn: 'Test process', isDefault: true }).returning();
    await db.insert(salesStages).values([
      { processId: process!.id, code: 'T1', nameZh: '立项', nameEn: 'Qualify', sort: 10, probability: 10 },
      { processId: process!.id, code: 'T2', nameZh: '方案', nameEn: 'Propose', sort: 20, probability: 50 },
      { processId: process!.id, code: 'T3', nameZh: '成交', nameEn: 'Won', sort: 30, probability: 100, kind: 'won' },
    ]);
  }
  const stages = await db.select().from(salesStages).where(eq(salesStages.processId, process!.id)).orderBy(asc(salesStages.sort));
  const live = stages.filter((stage) => !stage.archivedAt);
  return { processId: process!.id, stages: live, first: live[0]!, won: live.filter((stage) => stage.kind === 'won').at(-1)! };
}

// The two built-in sales processes of seed 002, created once by the bootstrap. Idempotent and respectful: a process
// whose code exists is left exactly as it is (an administrator may have renamed, reordered, re-weighted or archived
// its stages), so a restart never undoes an admin's work.
import { eq } from 'drizzle-orm';
import type { ChecklistItem, GateCriterion, SalesStageInput } from '@openpsm/contracts';
import type { DbOrTx } from '../../db/client';
import { ctmp7 } from './builtin-ctmp7';
import { ctmp8 } from './builtin-ctmp8';
import { salesProcesses, salesStages } from './methodology.table';

type BuiltinStage = Omit<SalesStageInput, 'criteria' | 'checklist' | 'kind'> & { kind?: 'open' | 'won'; criteria: GateCriterion[]; checklist: ChecklistItem[] };

export type BuiltinProcess = {
  code: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  isDefault: boolean;
  stages: BuiltinStage[];
};

export const builtinProcesses: BuiltinProcess[] = [ctmp8, ctmp7];

/** Creates each built-in process that does not exist yet; the 8-stage one is the default unless another is. */
export async function ensureSalesProcesses(db: DbOrTx): Promise<void> {
  const [existingDefault] = await db.select({ id: salesProcesses.id }).from(salesProcesses).where(eq(salesProcesses.isDefault, true)).limit(1);
  let defaultTaken = Boolean(existingDefault);
  for (const process of builtinProcesses) {
    const [inserted] = await db
      .insert(salesProcesses)
      .values({
        code: process.code,
        nameZh: process.nameZh,
        nameEn: process.nameEn,
        descriptionZh: process.descriptionZh,
        descriptionEn: process.descriptionEn,
        builtin: true,
        isDefault: process.isDefault && !defaultTaken,
      })
      .onConflictDoNothing({ target: salesProcesses.code })
      .returning({ id: salesProcesses.id, isDefault: salesProcesses.isDefault });
    if (!inserted) continue;
    defaultTaken ||= inserted.isDefault;
    await db.insert(salesStages).values(
      process.stages.map((stage, index) => ({
        ...stage,
        processId: inserted.id,
        sort: (index + 1) * 10,
        kind: stage.kind ?? 'open',
      })),
    );
  }
}

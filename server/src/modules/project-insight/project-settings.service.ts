// Project settings (settings row 3): the value model (PRJ-8 weights, A / B thresholds, amount cap), the days after
// which an open project counts as stalled (PRJ-11 alerts, health recency) and the registration protection period
// (PRJ-13). One row, read by the score job, the stalled alerts and registration; changed by project.configure.
import { eq } from 'drizzle-orm';
import type { ProjectSettings, ProjectSettingsInput } from '@openpsm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { diffFields, writeHistory } from '../../platform/audit/history.service';
import { settings } from '../../platform/config/config.table';
import { staleVersion } from '../../platform/errors';

/** Row 1 is the company, row 2 the customer grading model. */
export const PROJECT_SETTINGS_ROW = 3;
const HISTORY_ID = '00000000-0000-0000-0000-000000000003';

type StoredSettings = Omit<ProjectSettings, 'version'>;

export const defaultProjectSettings: StoredSettings = {
  valueModel: {
    weights: { amount: 30, budgetConfirmed: 20, needClarity: 20, relationship: 15, competition: 15 },
    thresholds: { a: 70, b: 40 },
    // 1000万: a full-marks amount that does not move whenever one large project opens or closes.
    amountCap: '10000000.00',
  },
  stalledDays: 30,
  protectionDays: 90,
};

/** The settings with defaults for whatever was never saved (a new key added later gets its default). */
export async function getProjectSettings(db: DbOrTx): Promise<ProjectSettings> {
  const [row] = await db.select().from(settings).where(eq(settings.id, PROJECT_SETTINGS_ROW));
  const stored = (row?.values ?? {}) as Partial<StoredSettings>;
  const valueModel = { ...defaultProjectSettings.valueModel, ...(stored.valueModel ?? {}) };
  return {
    valueModel: {
      weights: { ...defaultProjectSettings.valueModel.weights, ...(stored.valueModel?.weights ?? {}) },
      thresholds: { ...defaultProjectSettings.valueModel.thresholds, ...(stored.valueModel?.thresholds ?? {}) },
      amountCap: valueModel.amountCap ?? null,
    },
    stalledDays: stored.stalledDays ?? defaultProjectSettings.stalledDays,
    protectionDays: stored.protectionDays ?? defaultProjectSettings.protectionDays,
    version: row?.version ?? 1,
  };
}

/**
 * Saves the settings (version compared under the row lock) with a history line. Scores follow at once for open
 * projects: `rescore` is the score job, passed in so the settings stay free of the score module's imports.
 */
export async function updateProjectSettings(db: Db, actor: Actor, input: ProjectSettingsInput, rescore?: (tx: DbOrTx) => Promise<unknown>): Promise<ProjectSettings> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(settings).where(eq(settings.id, PROJECT_SETTINGS_ROW)).for('update');
    const version = row?.version ?? 1;
    if (version !== input.version) throw staleVersion();
    const before = await getProjectSettings(tx);
    const values: StoredSettings = { valueModel: input.valueModel, stalledDays: input.stalledDays, protectionDays: input.protectionDays };
    await tx
      .insert(settings)
      .values({ id: PROJECT_SETTINGS_ROW, values, version: version + 1 })
      .onConflictDoUpdate({ target: settings.id, set: { values, version: version + 1 } });
    const changes = diffFields(before as unknown as Record<string, unknown>, values as unknown as Record<string, unknown>, ['valueModel', 'stalledDays', 'protectionDays']);
    if (changes.length) await writeHistory(tx, actor, { recordType: 'settings', recordId: HISTORY_ID, action: 'update', changes });
    if (rescore && changes.length) await rescore(tx);
    return { ...values, version: version + 1 };
  });
}

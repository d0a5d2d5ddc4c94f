// The sales processes and their stages as the board shows them, kept in memory per database: reading them cost two of
// the board's four statements (on PGlite 3.7 of 16 ms). Whether the copy is current comes with the board's sums, which
// read sales_catalog_version — a counter every change to processes or stages moves (statement triggers, migration
// 0014), whoever writes it and in whichever instance. A board that finds the counter moved reads the catalog again.
import { asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { PipelineProcessRef } from '@openpsm/contracts';
import type { DbOrTx } from '../../db/client';
import { salesProcesses, salesStages } from '../methodology/methodology.table';
import { salesCatalogVersion } from './pipeline.table';

export type CatalogStage = Pick<typeof salesStages.$inferSelect, 'id' | 'code' | 'nameZh' | 'nameEn' | 'sort' | 'probability' | 'kind' | 'archivedAt'>;

/** The active processes (the default first), and each process's stages once read. */
export type SalesCatalog = { version: number; processes: PipelineProcessRef[]; stages: Map<string, Promise<CatalogStage[]>> };

const catalogs = new WeakMap<DbOrTx, SalesCatalog>();

/** The counter, as a column of a statement the board makes anyway. */
export const catalogVersionColumn: SQL<number> = sql<number>`(select ${salesCatalogVersion.version} from ${salesCatalogVersion} where ${salesCatalogVersion.id} = 1)`;

export const toProcessRef = (row: Pick<typeof salesProcesses.$inferSelect, 'id' | 'code' | 'nameZh' | 'nameEn' | 'isDefault'>): PipelineProcessRef => ({
  id: row.id,
  code: row.code,
  nameZh: row.nameZh,
  nameEn: row.nameEn,
  isDefault: row.isDefault,
});

/**
 * The catalog as last read for this database, or read now. The counter is read before the rows: a change committed in
 * between leaves a copy newer than its number, which the next board finds out and reads again — never the reverse.
 */
export async function salesCatalog(db: DbOrTx): Promise<SalesCatalog> {
  const cached = catalogs.get(db);
  if (cached) return cached;
  const [counter] = await db.select({ version: salesCatalogVersion.version }).from(salesCatalogVersion).where(eq(salesCatalogVersion.id, 1));
  const rows = await db
    .select({ id: salesProcesses.id, code: salesProcesses.code, nameZh: salesProcesses.nameZh, nameEn: salesProcesses.nameEn, isDefault: salesProcesses.isDefault })
    .from(salesProcesses)
    .where(eq(salesProcesses.active, true))
    .orderBy(desc(salesProcesses.isDefault), asc(salesProcesses.code));
  const catalog: SalesCatalog = { version: Number(counter?.version ?? 0), processes: rows.map(toProcessRef), stages: new Map() };
  catalogs.set(db, catalog);
  return catalog;
}

/** A process's stages in board order, read once per catalog (any process: an inactive one asked for by id too). */
export function catalogStages(db: DbOrTx, catalog: SalesCatalog, processId: string): Promise<CatalogStage[]> {
  let stages = catalog.stages.get(processId);
  if (!stages) {
    stages = Promise.resolve(
      db
        .select({
          id: salesStages.id,
          code: salesStages.code,
          nameZh: salesStages.nameZh,
          nameEn: salesStages.nameEn,
          sort: salesStages.sort,
          probability: salesStages.probability,
          kind: salesStages.kind,
          archivedAt: salesStages.archivedAt,
        })
        .from(salesStages)
        .where(eq(salesStages.processId, processId))
        .orderBy(asc(salesStages.sort), asc(salesStages.code)),
    );
    // A failed read is not kept: the next board tries again.
    stages.catch(() => catalog.stages.delete(processId));
    catalog.stages.set(processId, stages);
  }
  return stages;
}

/** The board saw another counter than the catalog's: the copy is dropped (if it is still the one it used). */
export function catalogOutdated(db: DbOrTx, catalog: SalesCatalog): void {
  if (catalogs.get(db) === catalog) catalogs.delete(db);
}

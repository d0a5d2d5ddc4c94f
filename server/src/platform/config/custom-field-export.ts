// Custom fields as spreadsheet columns (PLAT-11 exports): one `cf.<key>` column per active field of a record type.
import type { DbOrTx } from '../../db/client';
import { listCustomFields } from './custom-fields.service';

export async function customFieldExportColumns(db: DbOrTx, recordType: string, zh: boolean) {
  const fields = (await listCustomFields(db, recordType)).filter((field) => field.active);
  return {
    columns: fields.map((field) => ({ key: `cf.${field.key}`, header: zh ? field.labelZh : field.labelEn })),
    /** A row's cells for those columns; several choices in one cell. */
    cellsOf: (values: Record<string, unknown>) =>
      Object.fromEntries(
        fields.map((field) => {
          const value = values[field.key];
          return [`cf.${field.key}`, Array.isArray(value) ? value.join(', ') : (value ?? '')];
        }),
      ),
  };
}

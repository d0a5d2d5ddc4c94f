// Logical backup and restore (PLAT-13): every table as JSON, portable between PGlite and PostgreSQL.
import { sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/client';

async function rowsOf<Row>(tx: Tx, text: string): Promise<Row[]> {
  return (await tx.execute(sql.raw(text))).rows as Row[];
}

/** Tables in foreign-key order: a table comes after every table it references. */
export const backupTables = [
  'departments',
  'users',
  'roles',
  'user_roles',
  'sessions',
  'password_resets',
  'record_shares',
  'delegations',
  'record_history',
  'audit_log',
  'options',
  'numbering_rules',
  'numbering_counters',
  'settings',
  'custom_fields',
  'notifications',
  'outbox_mails',
  'customer_pools',
  'organizations',
  'competitor_profiles',
  'contacts',
  'contact_positions',
  'organization_ties',
  'person_ties',
  'pool_moves',
  'lead_handovers',
  'saved_views',
  'import_jobs',
  'import_row_problems',
  'import_mappings',
  'approval_flows',
  'approval_flow_versions',
  'approval_instances',
  'approval_steps',
  'approval_tasks',
  'approval_events',
  'sales_processes',
  'sales_stages',
  'projects',
  'project_organizations',
  'project_stakeholders',
  'project_competitors',
  'project_members',
  'project_stage_history',
  'project_checklist',
  'project_milestones',
  'project_tasks',
  'project_notes',
  'project_registrations',
  'tenders',
  'tender_bidders',
  'attachments',
  'activities',
  'activity_contacts',
  'tasks',
  'work_reports',
  'record_comments',
  'reminders',
  'reminder_settings',
  'reminder_digests',
] as const;

export type Backup = {
  format: 'openpsm-backup';
  version: 1;
  createdAt: string;
  engine: string;
  tables: Record<string, unknown[]>;
};

export async function createBackup(database: Database): Promise<Backup> {
  const tables: Record<string, unknown[]> = {};
  // One snapshot for all tables, so the backup is consistent while the server keeps writing.
  await database.db.transaction(
    async (tx) => {
      for (const table of backupTables) {
        const [row] = await rowsOf<{ rows: unknown[] | string }>(tx, `select coalesce(json_agg(t), '[]'::json) as rows from ${table} t`);
        tables[table] = typeof row?.rows === 'string' ? (JSON.parse(row.rows) as unknown[]) : (row?.rows ?? []);
      }
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  return { format: 'openpsm-backup', version: 1, createdAt: new Date().toISOString(), engine: database.engine, tables };
}

/**
 * Tables the database derives from others by triggers, left out of backups: restoring their sources rebuilds them
 * (pipeline_totals: the board's sums, kept by a trigger on projects; organization_totals: live organisations per owner
 * and type, kept by triggers on organizations; sales_catalog_version: a counter triggers move).
 */
export const derivedTables = ['pipeline_totals', 'organization_totals', 'sales_catalog_version'] as const;

/** Public tables the backup does not know: a new table must be added to the list (or to derivedTables), and this tells. */
export async function tablesMissingFromBackup(database: Database): Promise<string[]> {
  const rows = await database.query<{ table_name: string }>(
    `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  const known: readonly string[] = [...backupTables, ...derivedTables];
  return rows.map((row) => row.table_name).filter((name) => !known.includes(name));
}

/** Restores into a migrated database whose tables hold no rows; refuses otherwise, so nothing is mixed. */
export async function restoreBackup(database: Database, backup: Backup): Promise<Record<string, number>> {
  if (backup.format !== 'openpsm-backup' || backup.version !== 1) throw new Error('Not an OpenPSM backup file (format/version)');
  for (const table of backupTables) {
    const [row] = await database.query<{ count: number | string }>(`select count(*) as count from ${table}`);
    if (Number(row?.count ?? 0) > 0) throw new Error(`The target database is not empty (table ${table} has rows). Restore needs an empty database.`);
  }
  const counts: Record<string, number> = {};
  await database.db.transaction(async (tx) => {
    for (const table of backupTables) {
      const rows = backup.tables[table] ?? [];
      counts[table] = rows.length;
      // Generated columns (e.g. organizations.search_bigrams) are computed again, not inserted.
      const columns = await rowsOf<{ column_name: string }>(
        tx,
        `select column_name from information_schema.columns where table_schema = 'public' and table_name = '${table}' and is_generated = 'NEVER' order by ordinal_position`,
      );
      const columnList = sql.join(columns.map((column) => sql.identifier(column.column_name)), sql`, `);
      // Chunks keep each statement reasonable; json_populate_recordset maps every column by name.
      for (let start = 0; start < rows.length; start += 5000) {
        await tx.execute(sql`insert into ${sql.identifier(table)} (${columnList}) select ${columnList} from json_populate_recordset(null::${sql.identifier(table)}, ${JSON.stringify(rows.slice(start, start + 5000))}::json)`);
      }
    }
    for (const table of ['record_history', 'audit_log', 'approval_events']) {
      await tx.execute(sql.raw(`select setval(pg_get_serial_sequence('${table}', 'id'), coalesce((select max(id) from ${table}), 0) + 1, false)`));
    }
  });
  return counts;
}

// Imports (PLAT-11) as the API sees them: upload, mapping (remembered per file shape), preview, run, progress, my list.
import { and, count, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { DuplicateAction, ImportJob, ImportJobSummary, ImportMappingInput, ImportRecordType, ImportRowProblem } from '@openpsm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../access/actor';
import { AppError, notFound, staleVersion, type FieldProblem } from '../errors';
import { parseImportFile, shapeOf, uploadedRows } from './import.parse';
import { prepareRows, rowErrors, valuesByHeader } from './import.pipeline';
import { importFields, importerFor, mappingByAliases, type Importer } from './import.registry';
import { dispatchImport, IMPORT_BATCH_SIZE } from './import.runner';
import { importJobs, importMappings, importRowProblems } from './import.table';

/** Every column but the file and its rows: reads of a job never carry the upload. */
const { file: _file, rows: _rows, ...jobColumns } = getTableColumns(importJobs);
type JobRow = Omit<typeof importJobs.$inferSelect, 'file' | 'rows'>;

function importerAllowed(actor: Actor, recordType: string): Importer {
  const importer = importerFor(recordType);
  if (!importer) throw new AppError('invalid_input', 'Unknown record type', [{ path: 'recordType', code: 'import_record_type', message: 'import_record_type' }]);
  if (!actor.permissions.has(importer.permission)) throw new AppError('forbidden', `Importing needs ${importer.permission}`);
  return importer;
}

async function loadJob(db: DbOrTx, actor: Actor, id: string): Promise<JobRow> {
  // An import is its uploader's: anyone else gets a 404, as for any record outside their scope.
  const [row] = await db.select(jobColumns).from(importJobs).where(and(eq(importJobs.id, id), eq(importJobs.userId, actor.userId)));
  if (!row) throw notFound();
  return row;
}

async function previewCounts(db: DbOrTx, row: JobRow): Promise<ImportJob['preview']> {
  if (row.status !== 'previewed') return null;
  const counts = await db
    .select({ kind: importRowProblems.kind, rows: count() })
    .from(importRowProblems)
    .where(eq(importRowProblems.jobId, row.id))
    .groupBy(importRowProblems.kind);
  const errorRows = Number(counts.find((entry) => entry.kind === 'error')?.rows ?? 0);
  const duplicateRows = Number(counts.find((entry) => entry.kind === 'duplicate')?.rows ?? 0);
  return { validRows: row.totalRows - errorRows, errorRows, duplicateRows };
}

async function toJob(db: DbOrTx, row: JobRow, mappingSource?: ImportJob['mappingSource']): Promise<ImportJob> {
  const importer = importerFor(row.recordType);
  const fields = importer ? await importFields(db, importer) : [];
  return {
    id: row.id,
    recordType: row.recordType as ImportRecordType,
    fileName: row.fileName,
    status: row.status as ImportJob['status'],
    headers: row.headers,
    mapping: row.mapping,
    ...(mappingSource ? { mappingSource } : {}),
    duplicateAction: row.duplicateAction as DuplicateAction,
    fields: fields.map(({ key, labelZh, labelEn, required }) => ({ key, labelZh, labelEn, required })),
    preview: await previewCounts(db, row),
    totalRows: row.totalRows,
    processedRows: row.processedRows,
    createdRows: row.createdRows,
    updatedRows: row.updatedRows,
    skippedRows: row.skippedRows,
    errorRows: row.errorRows,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    version: row.version,
  };
}

export async function uploadImport(db: Db, actor: Actor, input: { recordType: string; fileName: string; buffer: Buffer }): Promise<ImportJob> {
  const importer = importerAllowed(actor, input.recordType);
  const parsed = await parseImportFile(input.fileName, input.buffer);
  if (parsed.rows.length === 0) throw new AppError('invalid_input', 'The file has no data rows', [{ path: 'file', code: 'import_no_rows', message: 'import_no_rows' }]);
  const shape = shapeOf(parsed.headers);
  const [remembered] = await db
    .select({ mapping: importMappings.mapping })
    .from(importMappings)
    .where(and(eq(importMappings.userId, actor.userId), eq(importMappings.recordType, input.recordType), eq(importMappings.shape, shape)));
  // A remembered mapping is used for the headers it knows (same shape, so all of them); else a guess from the names.
  const mapping = remembered
    ? Object.fromEntries(Object.entries(remembered.mapping).filter(([header]) => parsed.headers.includes(header)))
    : mappingByAliases(parsed.headers, await importFields(db, importer));
  const [row] = await db
    .insert(importJobs)
    .values({
      userId: actor.userId,
      recordType: input.recordType,
      fileName: input.fileName.slice(0, 200),
      file: input.buffer,
      rows: parsed.rows,
      shape,
      headers: parsed.headers,
      mapping,
      totalRows: parsed.rows.length,
    })
    .returning(jobColumns);
  return toJob(db, row!, remembered ? 'remembered' : 'aliases');
}

export async function getImport(db: DbOrTx, actor: Actor, id: string): Promise<ImportJob> {
  return toJob(db, await loadJob(db, actor, id));
}

export async function listImports(db: DbOrTx, actor: Actor, query: { page: number; pageSize: number; recordType?: string | undefined }) {
  const where = and(eq(importJobs.userId, actor.userId), query.recordType ? eq(importJobs.recordType, query.recordType) : undefined);
  const rows = await db
    .select({ ...jobColumns, total: sql<number>`count(*) over ()` })
    .from(importJobs)
    .where(where)
    .orderBy(desc(importJobs.createdAt))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const items: ImportJobSummary[] = rows.map((row) => ({
    id: row.id,
    recordType: row.recordType as ImportRecordType,
    fileName: row.fileName,
    status: row.status as ImportJobSummary['status'],
    duplicateAction: row.duplicateAction as DuplicateAction,
    totalRows: row.totalRows,
    processedRows: row.processedRows,
    createdRows: row.createdRows,
    updatedRows: row.updatedRows,
    skippedRows: row.skippedRows,
    errorRows: row.errorRows,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  }));
  const total = rows.length ? Number(rows[0]!.total) : query.page === 1 ? 0 : (await db.select({ rows: count() }).from(importJobs).where(where))[0]!.rows;
  return { items, total: Number(total), page: query.page, pageSize: query.pageSize };
}

const editableStatuses = ['uploaded', 'previewed', 'failed', 'cancelled', 'completed'];

function assertEditable(row: JobRow) {
  if (!editableStatuses.includes(row.status)) throw new AppError('conflict', `The import is ${row.status}; wait until it ends`);
}

/** Every problem of a mapping at once: unknown headers or fields, a field mapped twice, required fields left out. */
async function mappingProblems(db: DbOrTx, importer: Importer, headers: string[], mapping: Record<string, string>): Promise<FieldProblem[]> {
  const fields = await importFields(db, importer);
  const known = new Set(fields.map((field) => field.key));
  const problems: FieldProblem[] = [];
  const used = new Map<string, string>();
  for (const [header, field] of Object.entries(mapping)) {
    if (!field) continue;
    if (!headers.includes(header)) problems.push({ path: `mapping.${header}`, code: 'import_unknown_header', message: 'import_unknown_header' });
    else if (!known.has(field)) problems.push({ path: `mapping.${header}`, code: 'import_unknown_field', message: 'import_unknown_field' });
    else if (used.has(field)) problems.push({ path: `mapping.${header}`, code: 'import_field_twice', message: field });
    used.set(field, header);
  }
  for (const field of fields) if (field.required && !used.has(field.key)) problems.push({ path: `mapping.${field.key}`, code: 'import_required_unmapped', message: field.key });
  return problems;
}

export async function setImportMapping(db: Db, actor: Actor, id: string, input: ImportMappingInput): Promise<ImportJob> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select(jobColumns).from(importJobs).where(and(eq(importJobs.id, id), eq(importJobs.userId, actor.userId))).for('update');
    if (!row) throw notFound();
    if (row.version !== input.version) throw staleVersion();
    assertEditable(row);
    const importer = importerAllowed(actor, row.recordType);
    const mapping = Object.fromEntries(Object.entries(input.mapping).filter(([, field]) => field));
    const problems = await mappingProblems(tx, importer, row.headers, mapping);
    if (input.duplicateAction === 'update' && !actor.permissions.has(importer.editPermission)) {
      problems.push({ path: 'duplicateAction', code: 'edit_not_allowed', message: importer.editPermission });
    }
    if (problems.length > 0) throw new AppError('invalid_input', 'The mapping is incomplete', problems);
    // A changed mapping makes the old preview meaningless; a finished run keeps its status until run again.
    const status = row.status === 'previewed' ? 'uploaded' : row.status;
    const [updated] = await tx
      .update(importJobs)
      .set({ mapping, duplicateAction: input.duplicateAction, status, version: row.version + 1, updatedAt: new Date() })
      .where(eq(importJobs.id, id))
      .returning(jobColumns);
    await tx
      .insert(importMappings)
      .values({ userId: actor.userId, recordType: row.recordType, shape: row.shape, mapping })
      .onConflictDoUpdate({ target: [importMappings.userId, importMappings.recordType, importMappings.shape], set: { mapping, updatedAt: new Date() } });
    return toJob(tx, updated!, 'user');
  });
}

async function assertMappingComplete(db: DbOrTx, importer: Importer, row: JobRow) {
  const problems = await mappingProblems(db, importer, row.headers, row.mapping);
  if (problems.length > 0) throw new AppError('invalid_input', 'The mapping is incomplete', problems);
}

/** Validates and duplicate-checks every row without writing a record; the problems are kept for the problem list and the report. */
export async function previewImport(db: Db, actor: Actor, id: string) {
  const row = await loadJob(db, actor, id);
  assertEditable(row);
  const importer = importerAllowed(actor, row.recordType);
  await assertMappingComplete(db, importer, row);
  const [upload] = await db.select({ file: importJobs.file, rows: importJobs.rows }).from(importJobs).where(eq(importJobs.id, id));
  const parsed = await uploadedRows({ ...row, ...upload! });
  const context = await importer.loadContext(db, actor);
  await db.delete(importRowProblems).where(eq(importRowProblems.jobId, id));
  const seen = new Map<string, number>();
  for (let start = 0; start < parsed.rows.length; start += IMPORT_BATCH_SIZE) {
    const prepared = await prepareRows(db, importer, actor, context, parsed.headers, row.mapping, parsed.rows.slice(start, start + IMPORT_BATCH_SIZE), seen);
    const problems: (typeof importRowProblems.$inferInsert)[] = [];
    for (const candidate of prepared) {
      const values = valuesByHeader(parsed.headers, candidate.cells);
      const errors = rowErrors(candidate);
      const matched = candidate.matchedId !== null || candidate.matchedRow !== null;
      const blocking = errors.length > 0 ? errors : !matched || row.duplicateAction === 'create' ? (candidate.createProblems ?? []) : [];
      if (blocking.length > 0) problems.push({ jobId: id, rowNumber: candidate.rowNumber, kind: 'error', problems: blocking, values });
      else if (matched) {
        const code = candidate.matchedRow !== null ? 'duplicate_in_file' : 'duplicate';
        problems.push({ jobId: id, rowNumber: candidate.rowNumber, kind: 'duplicate', problems: [{ field: 'row', code, ...(candidate.matchedRow !== null ? { message: String(candidate.matchedRow) } : {}) }], values, matchedId: candidate.matchedId });
      }
    }
    if (problems.length > 0) await db.insert(importRowProblems).values(problems);
  }
  const [updated] = await db.update(importJobs).set({ status: 'previewed', updatedAt: new Date() }).where(eq(importJobs.id, id)).returning(jobColumns);
  return toJob(db, updated!);
}

export async function listImportProblems(db: DbOrTx, actor: Actor, id: string, query: { page: number; pageSize: number; kind?: 'error' | 'duplicate' | undefined }) {
  await loadJob(db, actor, id);
  const where = and(eq(importRowProblems.jobId, id), query.kind ? eq(importRowProblems.kind, query.kind) : undefined);
  const [rows, [total]] = await Promise.all([
    db.select().from(importRowProblems).where(where).orderBy(importRowProblems.rowNumber, importRowProblems.kind).limit(query.pageSize).offset((query.page - 1) * query.pageSize),
    db.select({ rows: count() }).from(importRowProblems).where(where),
  ]);
  const items: ImportRowProblem[] = rows.map((problem) => ({
    rowNumber: problem.rowNumber,
    kind: problem.kind as ImportRowProblem['kind'],
    problems: problem.problems,
    values: problem.values,
    matchedId: problem.matchedId,
  }));
  return { items, total: Number(total?.rows ?? 0), page: query.page, pageSize: query.pageSize };
}

/**
 * Queues the run. A failed or cancelled run resumes after its last committed batch; a completed one runs the whole
 * file again (with "skip", rows already imported are matched and nothing is created twice).
 */
export async function startImport(db: Db, actor: Actor, id: string): Promise<ImportJob> {
  const row = await loadJob(db, actor, id);
  assertEditable(row);
  const importer = importerAllowed(actor, row.recordType);
  await assertMappingComplete(db, importer, row);
  const fresh = row.status === 'completed' || row.processedRows === 0;
  const [updated] = await db.transaction(async (tx) => {
    if (fresh) await tx.delete(importRowProblems).where(eq(importRowProblems.jobId, id));
    return tx
      .update(importJobs)
      .set({
        status: 'queued',
        error: null,
        updatedAt: new Date(),
        finishedAt: null,
        ...(fresh ? { processedRows: 0, createdRows: 0, updatedRows: 0, skippedRows: 0, errorRows: 0, startedAt: null } : {}),
      })
      .where(and(eq(importJobs.id, id), eq(importJobs.status, row.status)))
      .returning(jobColumns);
  });
  if (!updated) throw new AppError('conflict', 'The import changed meanwhile; reload it');
  await dispatchImport(id);
  return toJob(db, updated);
}

export async function cancelImport(db: Db, actor: Actor, id: string): Promise<ImportJob> {
  const row = await loadJob(db, actor, id);
  if (row.status !== 'queued' && row.status !== 'running') throw new AppError('conflict', `The import is ${row.status}`);
  // The runner sees the status before its next batch; the batch in flight commits or rolls back whole.
  const [updated] = await db.update(importJobs).set({ status: 'cancelled', updatedAt: new Date(), finishedAt: new Date() }).where(eq(importJobs.id, id)).returning(jobColumns);
  return toJob(db, updated!);
}

/** For the error report: the job's headers and its problem rows in row order. */
export async function importProblemsForReport(db: DbOrTx, actor: Actor, id: string) {
  const row = await loadJob(db, actor, id);
  const problems = await db.select().from(importRowProblems).where(eq(importRowProblems.jobId, id)).orderBy(importRowProblems.rowNumber, importRowProblems.kind);
  return { job: row, problems };
}

// Attachments (files kept in the database with their record): list, upload, download, soft delete. The record type's
// registered access check decides every call; the content type comes from the file name's ending, from an allow-list.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { attachmentContentTypes, type Attachment, type AttachmentRecordQuery } from '@openpsm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../access/actor';
import { writeHistory } from '../audit/history.service';
import { AppError, notFound } from '../errors';
import { users } from '../org-structure/org-structure.table';
import { attachableAccess, type AttachableAccess } from './attachables';
import { attachments } from './files.table';

function accessOf(recordType: string): AttachableAccess {
  const access = attachableAccess(recordType);
  // A record type nobody registered has no files anyone may see.
  if (!access) throw notFound();
  return access;
}

const listColumns = {
  id: attachments.id,
  recordType: attachments.recordType,
  recordId: attachments.recordId,
  fileName: attachments.fileName,
  contentType: attachments.contentType,
  size: attachments.size,
  uploadedBy: attachments.uploadedBy,
  uploaderName: users.displayName,
  createdAt: attachments.createdAt,
};
type ListRow = {
  id: string;
  recordType: string;
  recordId: string;
  fileName: string;
  contentType: string;
  size: number;
  uploadedBy: string | null;
  uploaderName: string | null;
  createdAt: Date;
};

const toAttachment = (row: ListRow): Attachment => ({
  id: row.id,
  recordType: row.recordType,
  recordId: row.recordId,
  fileName: row.fileName,
  contentType: row.contentType,
  size: row.size,
  uploadedBy: row.uploadedBy ? { id: row.uploadedBy, displayName: row.uploaderName ?? '' } : null,
  createdAt: row.createdAt.toISOString(),
});

export async function listAttachments(db: DbOrTx, actor: Actor, record: AttachmentRecordQuery): Promise<Attachment[]> {
  await accessOf(record.recordType).canRead(db, actor, record.recordId);
  const rows = await db
    .select(listColumns)
    .from(attachments)
    .leftJoin(users, eq(users.id, attachments.uploadedBy))
    .where(and(eq(attachments.recordType, record.recordType), eq(attachments.recordId, record.recordId), isNull(attachments.deletedAt)))
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
  return rows.map(toAttachment);
}

/** Live attachment counts of several records of one type (a list shows how many documents each has). */
export async function countAttachments(db: DbOrTx, recordType: string, recordIds: string[]): Promise<Map<string, number>> {
  if (recordIds.length === 0) return new Map();
  const rows = await db
    .select({ recordId: attachments.recordId, count: sql<number>`count(*)::int` })
    .from(attachments)
    .where(and(eq(attachments.recordType, recordType), sql`${attachments.recordId} = any(${`{${recordIds.join(',')}}`}::uuid[])`, isNull(attachments.deletedAt)))
    .groupBy(attachments.recordId);
  return new Map(rows.map((row) => [row.recordId, Number(row.count)]));
}

/** The content type for a file name, or null when its ending is not on the allow-list. */
export function contentTypeOf(fileName: string): string | null {
  const ending = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  return (ending && attachmentContentTypes[ending]) || null;
}

/** A file name as stored: no path, no control characters, bounded. */
export function cleanFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  return base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(-200) || 'file';
}

export type Upload = { fileName: string; content: Buffer };

export async function uploadAttachment(db: Db, actor: Actor, record: AttachmentRecordQuery, upload: Upload): Promise<Attachment> {
  const fileName = cleanFileName(upload.fileName);
  const contentType = contentTypeOf(fileName);
  if (!contentType) {
    throw new AppError('unsupported_media_type', 'This kind of file is not accepted', [{ path: 'file', code: 'attachment_type', message: Object.keys(attachmentContentTypes).join(',') }]);
  }
  const id = await db.transaction(async (tx) => {
    await accessOf(record.recordType).canWrite(tx, actor, record.recordId);
    const [row] = await tx
      .insert(attachments)
      .values({ recordType: record.recordType, recordId: record.recordId, fileName, contentType, size: upload.content.length, content: upload.content, uploadedBy: actor.userId })
      .returning({ id: attachments.id });
    await writeHistory(tx, actor, { recordType: record.recordType, recordId: record.recordId, action: 'attach', note: fileName });
    return row!.id;
  });
  const [created] = await db.select(listColumns).from(attachments).leftJoin(users, eq(users.id, attachments.uploadedBy)).where(eq(attachments.id, id));
  return toAttachment(created!);
}

async function liveAttachment(db: DbOrTx, id: string) {
  const [row] = await db.select().from(attachments).where(and(eq(attachments.id, id), isNull(attachments.deletedAt)));
  if (!row) throw notFound();
  return row;
}

export async function downloadAttachment(db: DbOrTx, actor: Actor, id: string) {
  const row = await liveAttachment(db, id);
  await accessOf(row.recordType).canRead(db, actor, row.recordId);
  return { fileName: row.fileName, contentType: row.contentType, content: Buffer.from(row.content) };
}

/** Soft delete: the file stays (a backup holds it) but is no longer listed or served. */
export async function deleteAttachment(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await liveAttachment(tx, id);
    await accessOf(row.recordType).canWrite(tx, actor, row.recordId);
    await tx.update(attachments).set({ deletedAt: new Date() }).where(eq(attachments.id, id));
    await writeHistory(tx, actor, { recordType: row.recordType, recordId: row.recordId, action: 'detach', note: row.fileName });
  });
}

/** Content-Disposition with the UTF-8 name (RFC 6266 / 5987) and an ASCII fallback for old clients. */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

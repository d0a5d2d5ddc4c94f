// Attachments (files kept with a record: tender documents …): the list, the upload answer, the record they belong to.
import { z } from 'zod';
import { userRefSchema } from './common';

/** Record types files may be attached to; each registers who may read and write its files on the server. */
export const attachableRecordTypes = ['tender', 'activity'] as const;
export const attachableRecordTypeSchema = z.enum(attachableRecordTypes);

export const attachmentRecordQuerySchema = z.object({ recordType: attachableRecordTypeSchema, recordId: z.uuid() });
export type AttachmentRecordQuery = z.infer<typeof attachmentRecordQuerySchema>;

export const attachmentSchema = z.object({
  id: z.uuid(),
  recordType: z.string(),
  recordId: z.uuid(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  uploadedBy: userRefSchema,
  createdAt: z.string(),
});
export type Attachment = z.infer<typeof attachmentSchema>;
export const attachmentListSchema = z.object({ items: z.array(attachmentSchema) });

/** File name endings accepted, with the content type the download is served as (the browser's claim is not trusted). */
export const attachmentContentTypes: Record<string, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  txt: 'text/plain',
  csv: 'text/csv',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  zip: 'application/zip',
  rar: 'application/vnd.rar',
  '7z': 'application/x-7z-compressed',
  dwg: 'image/vnd.dwg',
};

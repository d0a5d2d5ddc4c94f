// Attachments (tender documents; photos of follow-ups later): files kept in the database with the record they belong
// to, so a backup holds them and the access layer decides through the record. Size is bounded by the upload limit.
import { customType, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../org-structure/org-structure.table';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The record type ('tender', …) and id the file belongs to: reading it needs reading that record. */
    recordType: text('record_type').notNull(),
    recordId: uuid('record_id').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (table) => [index('attachments_record_idx').on(table.recordType, table.recordId)],
);

// Every table, for Drizzle's relational queries and drizzle-kit.
export * from '../platform/org-structure/org-structure.table';
export * from '../platform/access/access.table';
export * from '../platform/auth/auth.table';
export * from '../platform/audit/audit.table';
export * from '../platform/config/config.table';
export * from '../platform/notify/notify.table';
export * from '../modules/organizations/organizations.table';
export * from '../platform/approvals/approvals.table';
export * from '../modules/pool/pool.table';
export * from '../modules/contacts/contacts.table';
export * from '../modules/relationships/relationships.table';
export * from '../platform/views/views.table';
export * from '../platform/import/import.table';
export * from '../platform/files/files.table';
export * from '../modules/methodology/methodology.table';
export * from '../modules/projects/projects.table';
export * from '../modules/tenders/tenders.table';

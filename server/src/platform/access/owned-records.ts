// The record types that have an owner: the access layer, sharing and hand-over work on all of them.
import type { ScopedRecordType } from '@openpsm/contracts';
import type { PgTable } from 'drizzle-orm/pg-core';
import { organizations } from '../../modules/organizations/organizations.table';
import { projects } from '../../modules/projects/projects.table';
import type { ScopedTable } from './record-scope';

export type OwnedRecordTable = ScopedTable & { table: PgTable; deletedAt: typeof organizations.deletedAt | typeof projects.deletedAt };

export const ownedRecordTables = {
  organization: {
    recordType: 'organization',
    table: organizations,
    id: organizations.id,
    ownerId: organizations.ownerId,
    deletedAt: organizations.deletedAt,
  },
  /** Project team members reach a project through `actor.shared.project` (session-lookup.ts), as shares do. */
  project: {
    recordType: 'project',
    table: projects,
    id: projects.id,
    ownerId: projects.ownerId,
    deletedAt: projects.deletedAt,
  },
} as const satisfies Record<ScopedRecordType, OwnedRecordTable>;

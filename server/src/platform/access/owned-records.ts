// The record types that have an owner: the access layer, sharing and hand-over work on all of them.
import type { ScopedRecordType } from '@openpsm/contracts';
import type { PgTable } from 'drizzle-orm/pg-core';
import { organizations } from '../../modules/organizations/organizations.table';
import { projects } from '../../modules/projects/projects.table';
import { activities } from '../../modules/activities/activities.table';
import { workReports } from '../../modules/work-reports/work-reports.table';
import type { ScopedTable } from './record-scope';

export type OwnedRecordTable = ScopedTable & { table: PgTable; deletedAt: typeof organizations.deletedAt | typeof projects.deletedAt | typeof activities.deletedAt | typeof workReports.deletedAt;
};

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
  /** An activity belongs to the rep who did or will do it (ACT-1); tasks read the same scope through their assignee. */
  activity: {
    recordType: 'activity',
    table: activities,
    id: activities.id,
    ownerId: activities.ownerId,
    deletedAt: activities.deletedAt,
  },
  /** A work report belongs to its author (ACT-4). */
  work_report: {
    recordType: 'work_report',
    table: workReports,
    id: workReports.id,
    ownerId: workReports.userId,
    deletedAt: workReports.deletedAt,
  },
} as const satisfies Record<ScopedRecordType, OwnedRecordTable>;

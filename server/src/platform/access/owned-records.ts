// The record types that have an owner: the access layer, sharing and hand-over work on all of them.
import type { ScopedRecordType } from '@openpsm/contracts';
import { organizations } from '../../modules/organizations/organizations.table';
import type { ScopedTable } from './record-scope';

export type OwnedRecordTable = ScopedTable & { table: typeof organizations; deletedAt: typeof organizations.deletedAt };

export const ownedRecordTables: Record<ScopedRecordType, OwnedRecordTable> = {
  organization: {
    recordType: 'organization',
    table: organizations,
    id: organizations.id,
    ownerId: organizations.ownerId,
    deletedAt: organizations.deletedAt,
  },
};

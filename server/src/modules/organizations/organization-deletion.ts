// Deleting an organisation needs approval (PLAT-5): the first document type of the approval engine. DELETE submits;
// the final approval soft-deletes the organisation; a rejection leaves it as it was, with the reason on the approval.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { organizationGrades, organizationTypes } from '@openpsm/contracts';
import { recordCondition } from '../../platform/access/record-scope';
import { ownedRecordTables } from '../../platform/access/owned-records';
import { writeHistory } from '../../platform/audit/history.service';
import { registerDocumentType } from '../../platform/approvals/document-types';
import { notFound } from '../../platform/errors';
import { users } from '../../platform/org-structure/org-structure.table';
import { organizations } from './organizations.table';

export const ORGANIZATION_DELETION = 'organization_deletion';

export function registerOrganizationDeletion() {
  registerDocumentType({
    key: ORGANIZATION_DELETION,
    recordType: 'organization',
    required: true,
    fields: [
      { key: 'organization.type', type: 'option', options: [...organizationTypes] },
      { key: 'organization.grade', type: 'option', options: [...organizationGrades] },
      { key: 'organization.industry', type: 'option', optionList: 'industry' },
      { key: 'organization.region', type: 'option', optionList: 'region' },
      { key: 'organization.owner', type: 'user' },
    ],
    async loadSubject(tx, actor, recordId) {
      const [row] = await tx
        .select({ organization: organizations, ownerName: users.displayName })
        .from(organizations)
        .leftJoin(users, eq(users.id, organizations.ownerId))
        .where(and(recordCondition(actor, ownedRecordTables.organization, recordId, 'write'), isNull(organizations.deletedAt)))
        .for('update', { of: organizations });
      if (!row) throw notFound();
      const { organization } = row;
      return {
        title: organization.name,
        fields: [
          { field: 'number', value: organization.number },
          { field: 'name', value: organization.name },
          { field: 'type', value: organization.type },
          { field: 'grade', value: organization.grade },
          { field: 'industry', value: organization.industry },
          { field: 'region', value: organization.region },
          { field: 'owner', value: row.ownerName },
        ],
        values: {
          'organization.type': organization.type,
          'organization.grade': organization.grade,
          'organization.industry': organization.industry,
          'organization.region': organization.region,
          'organization.owner': organization.ownerId,
        },
      };
    },
    async canReadRecord(tx, actor, recordId) {
      const [row] = await tx.select({ id: organizations.id }).from(organizations).where(recordCondition(actor, ownedRecordTables.organization, recordId, 'read'));
      return Boolean(row);
    },
    async onApproved(tx, outcome) {
      const deleted = await tx
        .update(organizations)
        .set({ deletedAt: new Date(), updatedAt: new Date(), version: sql`${organizations.version} + 1` })
        .where(and(eq(organizations.id, outcome.recordId), isNull(organizations.deletedAt)))
        .returning({ id: organizations.id });
      if (deleted.length === 0) return;
      await writeHistory(tx, outcome.decidedBy, { recordType: 'organization', recordId: outcome.recordId, action: 'delete', note: `approval:${outcome.number}` });
    },
  });
}

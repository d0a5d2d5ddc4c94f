// Competitor profiles (CUS-10): what a competitor sells, its strengths and weaknesses, its price level.
import { and, eq, isNull } from 'drizzle-orm';
import type { CompetitorProfile, CompetitorProfileInput } from '@openpsm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { ownedRecordTables } from '../../platform/access/owned-records';
import { recordCondition } from '../../platform/access/record-scope';
import { assertNotLocked } from '../../platform/approvals/approval-chain';
import { diffFields, writeHistory } from '../../platform/audit/history.service';
import { AppError, forbidden, notFound, staleVersion } from '../../platform/errors';
import { users } from '../../platform/org-structure/org-structure.table';
import { competitorProfiles, organizations } from './organizations.table';

const RECORD_TYPE = 'organization';
const scoped = ownedRecordTables.organization;
const profileFields = ['category', 'products', 'strengths', 'weaknesses', 'priceLevel', 'notes'] as const;

/** The organisation, readable (or writable) by the actor, and of type competitor — else 404 / 403 / 422. */
async function competitorOrganization(db: DbOrTx, actor: Actor, id: string, mode: 'read' | 'write') {
  const [row] = await db
    .select({ id: organizations.id, type: organizations.type })
    .from(organizations)
    .where(and(recordCondition(actor, scoped, id, mode), isNull(organizations.deletedAt)));
  if (!row) {
    if (mode === 'write') {
      const [readable] = await db.select({ id: organizations.id }).from(organizations).where(and(recordCondition(actor, scoped, id, 'read'), isNull(organizations.deletedAt)));
      if (readable) throw forbidden('Read-only access to this record');
    }
    throw notFound();
  }
  if (row.type !== 'competitor') throw new AppError('business_rule', 'Only organisations of type competitor have a competitor profile', [{ path: 'type', code: 'not_competitor', message: 'not_competitor' }]);
  return row;
}

async function readProfile(db: DbOrTx, organizationId: string): Promise<CompetitorProfile> {
  const [row] = await db
    .select({ profile: competitorProfiles, updatedByName: users.displayName })
    .from(competitorProfiles)
    .leftJoin(users, eq(users.id, competitorProfiles.updatedBy))
    .where(eq(competitorProfiles.organizationId, organizationId));
  if (!row) {
    // No profile yet: an empty one at version 0, so the form has one shape and the first save sends version 0.
    return { organizationId, category: null, products: null, strengths: null, weaknesses: null, priceLevel: null, notes: null, version: 0, updatedAt: null, updatedBy: null };
  }
  const { profile } = row;
  return {
    organizationId,
    category: profile.category,
    products: profile.products,
    strengths: profile.strengths,
    weaknesses: profile.weaknesses,
    priceLevel: profile.priceLevel as CompetitorProfile['priceLevel'],
    notes: profile.notes,
    version: profile.version,
    updatedAt: profile.updatedAt.toISOString(),
    updatedBy: profile.updatedBy ? { id: profile.updatedBy, displayName: row.updatedByName ?? '' } : null,
  };
}

export async function getCompetitorProfile(db: DbOrTx, actor: Actor, organizationId: string): Promise<CompetitorProfile> {
  await competitorOrganization(db, actor, organizationId, 'read');
  return readProfile(db, organizationId);
}

/**
 * Saves the profile (created on the first save, with version 0). The organisation row is locked, so two first saves
 * cannot both insert; a version other than the stored one is a 409. Changes are lines in the organisation's history.
 */
export async function saveCompetitorProfile(db: Db, actor: Actor, organizationId: string, input: CompetitorProfileInput): Promise<CompetitorProfile> {
  await db.transaction(async (tx) => {
    await competitorOrganization(tx, actor, organizationId, 'write');
    await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId)).for('update');
    await assertNotLocked(tx, RECORD_TYPE, organizationId);
    const [current] = await tx.select().from(competitorProfiles).where(eq(competitorProfiles.organizationId, organizationId)).for('update');
    if ((current?.version ?? 0) !== input.version) throw staleVersion();
    const { version, ...fields } = input;
    const changes = diffFields((current ?? {}) as Record<string, unknown>, fields, profileFields).map((change) => ({ ...change, field: `competitor.${change.field}` }));
    if (changes.length === 0) return;
    const values = { ...fields, version: version + 1, updatedBy: actor.userId, updatedAt: new Date() };
    if (current) await tx.update(competitorProfiles).set(values).where(eq(competitorProfiles.organizationId, organizationId));
    else await tx.insert(competitorProfiles).values({ organizationId, ...values });
    await writeHistory(tx, actor, { recordType: RECORD_TYPE, recordId: organizationId, action: 'competitor_profile', changes });
  });
  return readProfile(db, organizationId);
}

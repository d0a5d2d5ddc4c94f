// Field check-in and check-out (ACT-6): the activity's owner says they arrived at (left) the customer. The time is the
// server's, never the phone's; the browser's position is kept only when the user consented — otherwise the position
// columns stay empty, whatever the request carried.
import { eq } from 'drizzle-orm';
import type { Activity, CheckInput } from '@openpsm/contracts';
import type { Db } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { onBehalfOf, writeHistory } from '../../platform/audit/history.service';
import { AppError, forbidden, staleVersion } from '../../platform/errors';
import { activityInScope } from './activity-access';
import { getActivity } from './activity-read';
import { activities } from './activities.table';

export type CheckKind = 'checkin' | 'checkout';

/** Records a check-in or check-out; 404 outside the scope, 403 for anyone but the owner, 409 twice, 422 out of order. */
export async function checkActivity(db: Db, actor: Actor, id: string, kind: CheckKind, input: CheckInput, now = new Date()): Promise<Activity> {
  await db.transaction(async (tx) => {
    const current = await activityInScope(tx, actor, id, 'read', true);
    if (current.ownerId !== actor.userId) throw forbidden('Only the owner of the activity checks in and out');
    if (current.version !== input.version) throw staleVersion();
    if (current.status === 'cancelled') {
      throw new AppError('business_rule', 'A cancelled activity takes no check-in', [{ path: 'status', code: 'activity_cancelled', message: 'activity_cancelled' }]);
    }
    if (kind === 'checkin' && current.checkinAt) throw new AppError('conflict', 'Already checked in', [{ path: 'checkin', code: 'already_checked_in', message: 'already_checked_in' }]);
    if (kind === 'checkout') {
      if (!current.checkinAt) throw new AppError('business_rule', 'Check in before checking out', [{ path: 'checkout', code: 'not_checked_in', message: 'not_checked_in' }]);
      if (current.checkoutAt) throw new AppError('conflict', 'Already checked out', [{ path: 'checkout', code: 'already_checked_out', message: 'already_checked_out' }]);
    }
    const position = input.consent && input.position ? input.position : null;
    const values = {
      at: now,
      latitude: position ? position.latitude.toFixed(6) : null,
      longitude: position ? position.longitude.toFixed(6) : null,
      accuracy: position?.accuracy ?? null,
    };
    const columns =
      kind === 'checkin'
        ? { checkinAt: values.at, checkinLatitude: values.latitude, checkinLongitude: values.longitude, checkinAccuracy: values.accuracy }
        : { checkoutAt: values.at, checkoutLatitude: values.latitude, checkoutLongitude: values.longitude, checkoutAccuracy: values.accuracy };
    await tx
      .update(activities)
      .set({ ...columns, version: current.version + 1, updatedAt: now })
      .where(eq(activities.id, id));
    // The history says when and whether a position was kept, not where: the position stays on the activity alone.
    await writeHistory(tx, actor, {
      recordType: 'activity',
      recordId: id,
      action: kind,
      changes: [
        { field: `${kind}At`, old: null, new: now.toISOString() },
        { field: `${kind}Position`, old: null, new: position ? 'recorded' : 'not_recorded' },
      ],
      onBehalfOf: onBehalfOf(actor, current.ownerId),
    });
  });
  return getActivity(db, actor, id);
}

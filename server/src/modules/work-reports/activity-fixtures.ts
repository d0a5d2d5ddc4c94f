// Test fixtures: activities and tasks written straight into the tables (the activities API is another module's), so
// the tests of reports, comments, coaching and team visibility depend on the schema only.
import type { Db } from '../../db/client';
import { activities, tasks } from '../activities/activities.table';

export type TestActivity = {
  ownerId: string;
  startsAt: string | Date;
  endsAt?: string | Date | null;
  type?: string;
  status?: 'planned' | 'done' | 'cancelled';
  subject?: string;
  outcome?: string | null;
  organizationId?: string | null;
  projectId?: string | null;
  checkinAt?: string | Date | null;
  deletedAt?: Date | null;
};

const instant = (value: string | Date) => (value instanceof Date ? value : new Date(value));

export async function insertActivity(db: Db, input: TestActivity): Promise<string> {
  const [row] = await db
    .insert(activities)
    .values({
      ownerId: input.ownerId,
      createdBy: input.ownerId,
      type: input.type ?? 'visit',
      status: input.status ?? 'done',
      subject: input.subject ?? '例行拜访',
      outcome: input.outcome ?? null,
      startsAt: instant(input.startsAt),
      endsAt: input.endsAt ? instant(input.endsAt) : null,
      organizationId: input.organizationId ?? null,
      projectId: input.projectId ?? null,
      checkinAt: input.checkinAt ? instant(input.checkinAt) : null,
      doneAt: (input.status ?? 'done') === 'done' ? instant(input.startsAt) : null,
      deletedAt: input.deletedAt ?? null,
    })
    .returning({ id: activities.id });
  return row!.id;
}

export async function insertTask(
  db: Db,
  input: { assigneeId: string; title: string; dueAt: string | Date | null; status?: 'open' | 'done' | 'cancelled'; organizationId?: string | null; projectId?: string | null },
): Promise<string> {
  const [row] = await db
    .insert(tasks)
    .values({
      assigneeId: input.assigneeId,
      createdBy: input.assigneeId,
      title: input.title,
      dueAt: input.dueAt ? instant(input.dueAt) : null,
      status: input.status ?? 'open',
      organizationId: input.organizationId ?? null,
      projectId: input.projectId ?? null,
    })
    .returning({ id: tasks.id });
  return row!.id;
}

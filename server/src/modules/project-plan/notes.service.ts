// Tracking notes of a project (PRJ-7, 项目跟踪记录): short dated notes on how it goes. A note is a follow-up, so it
// moves the project's last activity (deal health's recency and the stalled-project alert read it). Notes are a log:
// not edited; the author may delete their own.
import { desc, eq, and } from 'drizzle-orm';
import type { ProjectNote, ProjectNoteInput } from '@openpsm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { AppError, notFound } from '../../platform/errors';
import { users } from '../../platform/org-structure/org-structure.table';
import { projectNotes, projects } from '../projects/projects.table';
import { lockProjectForPlan, planProject, recordPlanChange } from './plan-access';

type NoteRow = typeof projectNotes.$inferSelect;

const toNote = (actor: Actor, row: NoteRow, authorName: string | null, canEdit: boolean): ProjectNote => ({
  id: row.id,
  projectId: row.projectId,
  body: row.body,
  author: row.authorId ? { id: row.authorId, displayName: authorName ?? '' } : null,
  createdAt: row.createdAt.toISOString(),
  canDelete: canEdit && row.authorId === actor.userId,
});

/** The notes of a project the caller has already been let into, newest first. */
export async function notesOf(db: DbOrTx, actor: Actor, projectId: string, canEdit: boolean): Promise<ProjectNote[]> {
  const rows = await db
    .select({ note: projectNotes, authorName: users.displayName })
    .from(projectNotes)
    .leftJoin(users, eq(users.id, projectNotes.authorId))
    .where(eq(projectNotes.projectId, projectId))
    .orderBy(desc(projectNotes.createdAt), desc(projectNotes.id))
    .limit(500);
  return rows.map((row) => toNote(actor, row.note, row.authorName, canEdit));
}

export async function listNotes(db: DbOrTx, actor: Actor, projectId: string) {
  const { canEdit } = await planProject(db, actor, projectId);
  return { items: await notesOf(db, actor, projectId, canEdit) };
}

export async function createNote(db: Db, actor: Actor, projectId: string, input: ProjectNoteInput, now = new Date()): Promise<ProjectNote> {
  return db.transaction(async (tx) => {
    const { project } = await lockProjectForPlan(tx, actor, projectId);
    const [row] = await tx.insert(projectNotes).values({ projectId, body: input.body, authorId: actor.userId, createdAt: now }).returning();
    // Not a change of the project's fields (no version bump, so an open form or a board card stays current).
    await tx.update(projects).set({ lastActivityAt: now }).where(eq(projects.id, projectId));
    await recordPlanChange(tx, actor, project, 'note_add', [], input.body.slice(0, 200));
    return toNote(actor, row!, actor.displayName, true);
  });
}

export async function deleteNote(db: Db, actor: Actor, projectId: string, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const { project } = await lockProjectForPlan(tx, actor, projectId);
    const [note] = await tx
      .select()
      .from(projectNotes)
      .where(and(eq(projectNotes.id, id), eq(projectNotes.projectId, projectId)))
      .for('update');
    if (!note) throw notFound();
    if (note.authorId !== actor.userId) throw new AppError('forbidden', 'Only the author may delete a note');
    await tx.delete(projectNotes).where(eq(projectNotes.id, id));
    await recordPlanChange(tx, actor, project, 'note_delete', [], note.body.slice(0, 200));
  });
}

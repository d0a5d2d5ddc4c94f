// What other project modules do inside the transaction that creates or changes a project, without the projects
// module knowing them: registration matching on create (PRJ-13), value and health scores on any change (PRJ-4,
// PRJ-8). A module registers its hook once at start (its register function, called from app.ts); hooks run in
// registration order, in the caller's transaction, so a failing hook rolls the change back.
import type { Tx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';

export type ProjectHookContext = { tx: Tx; actor: Actor | null; projectId: string };
type ProjectHook = (context: ProjectHookContext) => Promise<void>;

const created = new Map<string, ProjectHook>();
const changed = new Map<string, ProjectHook>();

/** After a project is inserted (with its first stage). Keyed, so registering twice (several test apps) is harmless. */
export function onProjectCreated(key: string, hook: ProjectHook): void {
  created.set(key, hook);
}

/** After anything that feeds a score changed: the project's fields, its stage, stakeholders, competitors, team, tenders. */
export function onProjectChanged(key: string, hook: ProjectHook): void {
  changed.set(key, hook);
}

export async function projectCreated(context: ProjectHookContext): Promise<void> {
  for (const hook of created.values()) await hook(context);
  await projectChanged(context);
}

export async function projectChanged(context: ProjectHookContext): Promise<void> {
  for (const hook of changed.values()) await hook(context);
}

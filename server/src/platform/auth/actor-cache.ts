// A short-lived cache of resolved actors, so a request costs no extra round trip for who is asking.
// Any change to sessions, users, roles, departments or delegations bumps a generation: in this process at
// once, and in every other instance through NOTIFY at commit. The TTL is only a backstop.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../access/actor';

export const AUTH_CHANGED_CHANNEL = 'openpsm_auth_changed';
const TTL_MS = 15_000;
const MAX_ENTRIES = 10_000;

let generation = 0;
const entries = new Map<string, { actor: Actor; generation: number; expiresAt: number }>();

export function cachedActor(tokenHash: string): Actor | null {
  const entry = entries.get(tokenHash);
  if (!entry) return null;
  if (entry.generation !== generation || entry.expiresAt < Date.now()) {
    entries.delete(tokenHash);
    return null;
  }
  return entry.actor;
}

export function rememberActor(tokenHash: string, actor: Actor, filledAtGeneration: number): void {
  if (filledAtGeneration !== generation) return;
  if (entries.size >= MAX_ENTRIES) entries.clear();
  entries.set(tokenHash, { actor, generation, expiresAt: Date.now() + TTL_MS });
}

export const currentGeneration = () => generation;

/** Drops every cached actor of this process (called on NOTIFY from any instance, this one included). */
export function forgetActors(): void {
  generation += 1;
  entries.clear();
}

/** Call inside the transaction that changes who may do what. */
export async function authChanged(tx: DbOrTx): Promise<void> {
  forgetActors();
  await tx.execute(sql`select pg_notify(${AUTH_CHANGED_CHANNEL}, '')`);
}

// A short-lived cache of resolved actors, so a request costs no extra round trip for who is asking.
// Any change to sessions, users, roles, departments or delegations bumps a generation: in this process at
// once, and in every other instance through NOTIFY at commit. The TTL is only a backstop.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../access/actor';

export const AUTH_CHANGED_CHANNEL = 'openpsm_auth_changed';
const TTL_MS = 15_000;
/**
 * In the last seconds of its life an entry is still served, and the next request reloads it in the background: a busy
 * user's requests never all wait for the reload together when the entry ends.
 */
const REFRESH_AHEAD_MS = 3_000;
const MAX_ENTRIES = 10_000;

let generation = 0;
const entries = new Map<string, { actor: Actor; generation: number; expiresAt: number; refreshing: boolean }>();

/** The cached actor, and whether the caller should reload it now (once per entry, near its end). */
export function cachedActor(tokenHash: string): { actor: Actor; refresh: boolean } | null {
  const entry = entries.get(tokenHash);
  if (!entry) return null;
  const now = Date.now();
  if (entry.generation !== generation || entry.expiresAt < now) {
    entries.delete(tokenHash);
    return null;
  }
  const refresh = !entry.refreshing && entry.expiresAt - now < REFRESH_AHEAD_MS;
  if (refresh) entry.refreshing = true;
  return { actor: entry.actor, refresh };
}

export function rememberActor(tokenHash: string, actor: Actor, filledAtGeneration: number): void {
  if (filledAtGeneration !== generation) return;
  if (entries.size >= MAX_ENTRIES) entries.clear();
  entries.set(tokenHash, { actor, generation, expiresAt: Date.now() + TTL_MS, refreshing: false });
}

export const currentGeneration = () => generation;

/** Drops one token's entry: its session no longer resolves (expired), so a reload ahead of time must not leave it served. */
export function forgetToken(tokenHash: string): void {
  entries.delete(tokenHash);
}

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

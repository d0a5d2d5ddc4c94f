// Which record types take attachments, and who may read and write a record's files: the record's own access check,
// registered by the module that owns the record type (tenders register 'tender'). Files never decide by themselves.
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../access/actor';

export type AttachableAccess = {
  /** Resolves when the actor may read the record; throws 404 when it is outside their scope. */
  canRead: (db: DbOrTx, actor: Actor, recordId: string) => Promise<void>;
  /** Resolves when the actor may change the record; throws 404 outside scope, 403 when read-only. */
  canWrite: (db: DbOrTx, actor: Actor, recordId: string) => Promise<void>;
};

const registry = new Map<string, AttachableAccess>();

/** Keyed by record type, so registering twice (several test apps) is harmless. */
export function registerAttachable(recordType: string, access: AttachableAccess): void {
  registry.set(recordType, access);
}

export function attachableAccess(recordType: string): AttachableAccess | undefined {
  return registry.get(recordType);
}

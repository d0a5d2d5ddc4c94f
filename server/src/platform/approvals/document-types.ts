// The extension point every module plugs into: a document type says which record it approves, what a flow's
// conditions may read from it, and what happens when the approval ends (WF-1). Organisation deletion is the first.
import type { ConditionField, DocumentTypeInfo } from '@openpsm/contracts';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../access/actor';

/** What a submission sees of its record: a title and display fields (kept with the instance), and condition values. */
export type ApprovalSubject = {
  title: string;
  fields: { field: string; value: unknown }[];
  /** Values for conditions, keyed like the document type's fields (`organization.grade` …). */
  values: Record<string, unknown>;
};

export type ApprovalOutcome = {
  instanceId: string;
  number: string;
  recordId: string;
  /** Who made the final decision (null: nobody had to — every step was skipped). */
  decidedBy: Actor | null;
  comment: string | null;
};

export type DocumentType = {
  key: string;
  recordType: string;
  /** Every record of this type must pass an approval: with no applicable flow, a submission is refused. */
  required: boolean;
  /** Condition fields besides the submitter's (`submitter.department`, `submitter.position`), which every type has. */
  fields: ConditionField[];
  /**
   * Loads the record for a submission inside the submitting transaction, locked, and checked against the
   * submitter's scope (throw not_found outside it).
   */
  loadSubject: (tx: DbOrTx, actor: Actor, recordId: string) => Promise<ApprovalSubject>;
  /** Whether the actor may read the record (then they may follow its approvals too). */
  canReadRecord: (tx: DbOrTx, actor: Actor, recordId: string) => Promise<boolean>;
  /** Final approval: do what was asked, in the deciding transaction. */
  onApproved: (tx: DbOrTx, outcome: ApprovalOutcome) => Promise<void>;
  onRejected?: (tx: DbOrTx, outcome: ApprovalOutcome) => Promise<void>;
};

export const submitterFields: ConditionField[] = [
  { key: 'submitter.department', type: 'department' },
  { key: 'submitter.position', type: 'option', options: ['director', 'manager', 'supervisor', 'rep', 'engineer', 'clerk', 'other'] },
];

const registry = new Map<string, DocumentType>();

/** Modules register at start-up; registering a key again replaces it (tests build several apps in one process). */
export function registerDocumentType(type: DocumentType): void {
  registry.set(type.key, type);
}

export function documentType(key: string): DocumentType | undefined {
  return registry.get(key);
}

export function documentTypesOf(recordType: string): DocumentType[] {
  return [...registry.values()].filter((type) => type.recordType === recordType);
}

export function documentTypeInfos(): DocumentTypeInfo[] {
  return [...registry.values()]
    .map((type) => ({ key: type.key, recordType: type.recordType, required: type.required, fields: [...type.fields, ...submitterFields] }))
    .sort((left, right) => left.key.localeCompare(right.key));
}

export function conditionFields(type: DocumentType): ConditionField[] {
  return [...type.fields, ...submitterFields];
}

// Where each record type lives in the app, for features that point at another feature's records (approvals).
type RecordTypeEntry = {
  /** The record's page. */
  path: (id: string) => string;
  /** The first segment of every query key of that record type, so another feature can refresh them. */
  queryRoot: string;
};

const recordTypes: Record<string, RecordTypeEntry> = {
  organization: { path: (id) => `/organizations/${id}`, queryRoot: 'organizations' },
  contact: { path: (id) => `/contacts/${id}`, queryRoot: 'contacts' },
};

export const recordPath = (recordType: string, id: string): string | null => recordTypes[recordType]?.path(id) ?? null;

export const recordQueryRoot = (recordType: string): string | null => recordTypes[recordType]?.queryRoot ?? null;

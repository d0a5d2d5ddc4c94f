// What several features share about approvals: query keys, the counts behind the menu badge, the approvals of one
// record, and the names of document types and condition fields. The inbox and the flow editor live in their features.
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ApprovalStatus, ApprovalSummary, DocumentTypeInfo, ListResponse, approvalCountsSchema } from '@openpsm/contracts';
import { api } from './api-client';
import type { QueryParams } from './api-client';
import { translateDynamic } from './i18n';
import { usePermission } from './session';

export type ApprovalCounts = z.infer<typeof approvalCountsSchema>;

export const approvalKeys = {
  all: ['approvals'] as const,
  lists: () => [...approvalKeys.all, 'list'] as const,
  list: (query: QueryParams) => [...approvalKeys.lists(), query] as const,
  counts: () => [...approvalKeys.all, 'counts'] as const,
  detail: (id: string) => [...approvalKeys.all, 'detail', id] as const,
};

/** Flow definitions (the approval-flows admin feature edits them). */
export const approvalFlowKeys = {
  all: ['approval-flows'] as const,
  documentTypes: ['approval-flows', 'document-types'] as const,
};

/** The link a notification carries, and what the organisation page's lock banner opens. */
export const approvalLink = (id: string) => `/approvals?open=${id}`;

export const useApprovalCounts = () =>
  useQuery({
    queryKey: approvalKeys.counts(),
    queryFn: () => api.get<ApprovalCounts>('/approvals/counts'),
    // Pushed notifications refresh it; polling only covers a dropped stream.
    refetchInterval: 5 * 60_000,
  });

/**
 * What flows can be built for, and the fields their conditions may use. Needs `approval.view`; without it the query
 * stays idle and readers fall back to what the web app knows of the fields.
 */
export const useDocumentTypes = () => {
  const allowed = usePermission('approval.view');
  return useQuery({
    queryKey: approvalFlowKeys.documentTypes,
    queryFn: () => api.get<{ items: DocumentTypeInfo[] }>('/approval-flows/document-types'),
    select: (data) => data.items,
    enabled: allowed,
    staleTime: 5 * 60_000,
  });
};

/** Every approval of one record, newest first (the caller must be able to read the record). */
export const useRecordApprovals = (recordType: string, recordId: string) => {
  const query: QueryParams = { box: 'record', recordType, recordId, pageSize: 100, sort: '-submittedAt' };
  return useQuery({
    queryKey: approvalKeys.list(query),
    queryFn: ({ signal }) => api.get<ListResponse<ApprovalSummary>>('/approvals', query, signal),
  });
};

export const approvalStatusColor: Record<ApprovalStatus, string> = {
  pending: 'processing',
  returned: 'warning',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
};

export const documentTypeLabel = (key: string): string => translateDynamic(`approvals.documentTypes.${key}`, key);

/**
 * A condition field's name: `approvals.fields.<key with _ for .>`, else the record's own field name
 * (`organization.phone` → `fields.organization.phone`), else the key as sent.
 */
export const approvalFieldLabel = (key: string): string => {
  const [prefix = '', ...rest] = key.split('.');
  const recordField = rest.length > 0 ? translateDynamic(`fields.${prefix}.${rest.join('.')}`, key) : key;
  return translateDynamic(`approvals.fields.${key.replace(/\./g, '_')}`, recordField);
};

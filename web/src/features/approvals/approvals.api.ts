// The approval inbox: lists per box, one approval in full, and the actions on it (approve, reject, return …).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApprovalDetail, ApprovalSummary, ListResponse } from '@openpsm/contracts';
import { api } from '../../lib/api-client';
import type { QueryParams } from '../../lib/api-client';
import { approvalKeys } from '../../lib/approvals';
import { recordQueryRoot } from '../../lib/records';

export const inboxBoxes = ['waiting', 'submitted', 'done'] as const;
export type InboxBox = (typeof inboxBoxes)[number];

export const approvalActionKinds = ['approve', 'reject', 'return', 'withdraw', 'resubmit', 'comment'] as const;
export type ApprovalActionKind = (typeof approvalActionKinds)[number];

const actionPaths: Record<ApprovalActionKind, string> = {
  approve: 'approve',
  reject: 'reject',
  return: 'return',
  withdraw: 'withdraw',
  resubmit: 'resubmit',
  comment: 'comments',
};

/** What each action sends; `toStep` only for return (null: back to the submitter). */
export type ApprovalActionInput = { action: ApprovalActionKind; comment?: string; toStep?: number | null };

export const useApprovals = (query: QueryParams) =>
  useQuery({
    queryKey: approvalKeys.list(query),
    queryFn: ({ signal }) => api.get<ListResponse<ApprovalSummary>>('/approvals', query, signal),
    placeholderData: keepPreviousData,
  });

export const useApproval = (id: string | null) =>
  useQuery({
    queryKey: approvalKeys.detail(id ?? ''),
    queryFn: () => api.get<ApprovalDetail>(`/approvals/${id}`),
    enabled: Boolean(id),
  });

/** Everything an action may have changed besides the approval itself: the boxes, the counts, the record and its history. */
export const useRefreshAfterApproval = () => {
  const queryClient = useQueryClient();
  return (approval: Pick<ApprovalSummary, 'recordType'>) => {
    void queryClient.invalidateQueries({ queryKey: approvalKeys.lists() });
    void queryClient.invalidateQueries({ queryKey: approvalKeys.counts() });
    const root = recordQueryRoot(approval.recordType);
    if (root) void queryClient.invalidateQueries({ queryKey: [root] });
  };
};

export const useApprovalAction = (approval: Pick<ApprovalDetail, 'id' | 'recordType' | 'version'>) => {
  const queryClient = useQueryClient();
  const refresh = useRefreshAfterApproval();
  return useMutation({
    mutationFn: ({ action, comment, toStep }: ApprovalActionInput) => {
      const body: Record<string, unknown> = { comment: comment || undefined };
      // A comment does not move the approval on, so it needs no version; every decision does.
      if (action !== 'comment') body.version = approval.version;
      if (action === 'return') body.toStep = toStep ?? null;
      return api.post<ApprovalDetail>(`/approvals/${approval.id}/${actionPaths[action]}`, body);
    },
    onSuccess: (detail) => {
      queryClient.setQueryData(approvalKeys.detail(detail.id), detail);
      refresh(detail);
    },
  });
};

// Approval flow definitions: list per document type, read, create, edit (a new definition version), delete.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApprovalFlow, ApprovalFlowInput, ApprovalFlowPatch } from '@openpsm/contracts';
import { api } from '../../lib/api-client';
import { approvalFlowKeys } from '../../lib/approvals';

export const flowKeys = {
  ...approvalFlowKeys,
  lists: () => [...approvalFlowKeys.all, 'list'] as const,
  list: (documentType: string | undefined) => [...approvalFlowKeys.all, 'list', documentType ?? null] as const,
  detail: (id: string) => [...approvalFlowKeys.all, 'detail', id] as const,
};

export const useApprovalFlows = (documentType: string | undefined) =>
  useQuery({
    queryKey: flowKeys.list(documentType),
    queryFn: ({ signal }) => api.get<{ items: ApprovalFlow[] }>('/approval-flows', { documentType }, signal),
    select: (data) => [...data.items].sort((a, b) => a.priority - b.priority || a.name.localeCompare(b.name)),
    enabled: Boolean(documentType),
  });

export const useApprovalFlow = (id: string | undefined) =>
  useQuery({
    queryKey: flowKeys.detail(id ?? ''),
    queryFn: () => api.get<ApprovalFlow>(`/approval-flows/${id}`),
    enabled: Boolean(id),
  });

export const useCreateApprovalFlow = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ApprovalFlowInput) => api.post<ApprovalFlow>('/approval-flows', input),
    onSuccess: (flow) => {
      queryClient.setQueryData(flowKeys.detail(flow.id), flow);
      void queryClient.invalidateQueries({ queryKey: flowKeys.lists() });
    },
  });
};

export const useUpdateApprovalFlow = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: ApprovalFlowPatch }) => api.patch<ApprovalFlow>(`/approval-flows/${id}`, patch),
    onSuccess: (flow) => {
      queryClient.setQueryData(flowKeys.detail(flow.id), flow);
      void queryClient.invalidateQueries({ queryKey: flowKeys.lists() });
    },
  });
};

export const useDeleteApprovalFlow = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/approval-flows/${id}`),
    onSuccess: (_result, id) => {
      queryClient.removeQueries({ queryKey: flowKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: flowKeys.lists() });
    },
  });
};

// Lead hand-over (CUS-8): my incoming and sent leads, hand over, accept, decline, and the default deadline.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Lead, ListResponse } from '@openpsm/contracts';
import { api } from '../../lib/api-client';
import type { QueryParams } from '../../lib/api-client';
import { organizationKeys } from '../organizations/organizations.api';

export const leadKeys = {
  all: ['leads'] as const,
  list: (query: QueryParams) => [...leadKeys.all, 'list', query] as const,
  rules: () => [...leadKeys.all, 'rules'] as const,
};

export const useLeads = (query: QueryParams) =>
  useQuery({ queryKey: leadKeys.list(query), queryFn: ({ signal }) => api.get<ListResponse<Lead>>('/leads', query, signal), placeholderData: keepPreviousData });

export const useLeadRules = () => useQuery({ queryKey: leadKeys.rules(), queryFn: () => api.get<{ defaultHours: number; version: number }>('/leads/rules') });

const useLeadMutation = <Input,>(call: (input: Input) => Promise<Lead>) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (lead) => {
      void queryClient.invalidateQueries({ queryKey: leadKeys.all });
      void queryClient.invalidateQueries({ queryKey: organizationKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: organizationKeys.detail(lead.organization.id) });
      void queryClient.invalidateQueries({ queryKey: organizationKeys.history(lead.organization.id) });
    },
  });
};

export const useHandOver = () =>
  useLeadMutation(({ organizationId, ...body }: { organizationId: string; toUserId: string; note?: string; hours?: number }) =>
    api.post<Lead>(`/organizations/${organizationId}/handover`, body),
  );
export const useAcceptLead = () => useLeadMutation((id: string) => api.post<Lead>(`/leads/${id}/accept`));
export const useDeclineLead = () => useLeadMutation(({ id, reason }: { id: string; reason: string }) => api.post<Lead>(`/leads/${id}/decline`, { reason }));

// Organisations (单位): list, read, create, edit, delete, history and sharing.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ApprovalSummary,
  CompetitorProfile,
  CompetitorProfileInput,
  DuplicateCandidate,
  HistoryEntry,
  ListResponse,
  Organization,
  OrganizationInput,
  shareSchema,
} from '@openpsm/contracts';
import { api, apiRequest, isApiError } from '../../lib/api-client';
import type { QueryParams } from '../../lib/api-client';
import { approvalKeys } from '../../lib/approvals';

export type Share = z.infer<typeof shareSchema>;
export type ShareInput = { userId?: string; departmentId?: string; access: Share['access'] };
export type OrganizationPayload = Partial<OrganizationInput> & { confirmDuplicate?: boolean };

export const organizationKeys = {
  all: ['organizations'] as const,
  lists: () => [...organizationKeys.all, 'list'] as const,
  list: (query: QueryParams) => [...organizationKeys.lists(), query] as const,
  detail: (id: string) => [...organizationKeys.all, 'detail', id] as const,
  history: (id: string) => [...organizationKeys.all, 'history', id] as const,
  duplicates: (query: DuplicateQuery) => [...organizationKeys.all, 'duplicates', query] as const,
  competitorProfile: (id: string) => [...organizationKeys.all, 'competitor-profile', id] as const,
};

export type DuplicateQuery = { name?: string; creditCode?: string; phone?: string; excludeId?: string };

/** Someone asked for a deletion meanwhile: the page learns of the lock by reading the record again. */
const refreshWhenLocked = (queryClient: QueryClient, id: string, error: unknown) => {
  if (isApiError(error) && error.code === 'record_locked') void queryClient.invalidateQueries({ queryKey: organizationKeys.detail(id) });
};

export const useOrganizations = (query: QueryParams) =>
  useQuery({
    queryKey: organizationKeys.list(query),
    queryFn: ({ signal }) => api.get<ListResponse<Organization>>('/organizations', query, signal),
    placeholderData: keepPreviousData,
  });

export const useOrganization = (id: string) =>
  useQuery({
    queryKey: organizationKeys.detail(id),
    queryFn: () => api.get<Organization>(`/organizations/${id}`),
  });

export const useCreateOrganization = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (payload: OrganizationPayload) => api.post<Organization>('/organizations', payload),
    onSuccess: (organization) => {
      queryClient.setQueryData(organizationKeys.detail(organization.id), organization);
      void queryClient.invalidateQueries({ queryKey: organizationKeys.lists() });
    },
  });
};

export const useUpdateOrganization = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (payload: OrganizationPayload & { version: number }) => api.patch<Organization>(`/organizations/${id}`, payload),
    onSuccess: (organization) => {
      queryClient.setQueryData(organizationKeys.detail(id), organization);
      void queryClient.invalidateQueries({ queryKey: organizationKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: organizationKeys.history(id) });
    },
    onError: (error) => refreshWhenLocked(queryClient, id, error),
  });
};

/** 204: deleted at once (undefined). 202: the deletion went to approval, which locks the record until it is decided. */
export type DeleteOrganizationResult = { approval: ApprovalSummary } | undefined;

export const useDeleteOrganization = () => {
  const queryClient = useQueryClient();
  return useMutation({
    // The reason travels with the request: the approvers read it as the submission's comment.
    mutationFn: ({ id, reason }: { id: string; reason?: string }) => api.delete<DeleteOrganizationResult>(`/organizations/${id}`, reason ? { reason } : {}),
    onError: (error, { id }) => refreshWhenLocked(queryClient, id, error),
    onSuccess: (result, { id }) => {
      if (result?.approval) {
        void queryClient.invalidateQueries({ queryKey: organizationKeys.detail(id) });
        void queryClient.invalidateQueries({ queryKey: organizationKeys.history(id) });
        void queryClient.invalidateQueries({ queryKey: approvalKeys.lists() });
        void queryClient.invalidateQueries({ queryKey: approvalKeys.counts() });
        return;
      }
      queryClient.removeQueries({ queryKey: organizationKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: organizationKeys.lists() });
    },
  });
};

export const useOrganizationHistory = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: organizationKeys.history(id),
    queryFn: () => api.get<{ items: HistoryEntry[] }>(`/organizations/${id}/history`),
    select: (data) => data.items,
    enabled,
  });

/** The duplicate check while typing (CUS-3): off until there is something that could match. */
export const useOrganizationDuplicates = (query: DuplicateQuery) => {
  const enabled = Boolean((query.name && query.name.length >= 2) || query.creditCode?.length === 18 || (query.phone && query.phone.replace(/\D/g, '').length >= 6));
  return useQuery({
    queryKey: organizationKeys.duplicates(query),
    queryFn: ({ signal }) => api.get<{ items: DuplicateCandidate[] }>('/organizations/duplicates', query, signal),
    select: (data) => data.items,
    enabled,
    staleTime: 10_000,
    placeholderData: keepPreviousData,
  });
};

export const useCompetitorProfile = (id: string) =>
  useQuery({
    queryKey: organizationKeys.competitorProfile(id),
    queryFn: () => api.get<CompetitorProfile>(`/organizations/${id}/competitor-profile`),
  });

export const useSaveCompetitorProfile = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CompetitorProfileInput) => apiRequest<CompetitorProfile>(`/organizations/${id}/competitor-profile`, { method: 'PUT', body: input }),
    onSuccess: (profile) => {
      queryClient.setQueryData(organizationKeys.competitorProfile(id), profile);
      void queryClient.invalidateQueries({ queryKey: organizationKeys.history(id) });
    },
    onError: (error) => refreshWhenLocked(queryClient, id, error),
  });
};

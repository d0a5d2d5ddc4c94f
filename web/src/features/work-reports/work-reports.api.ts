// Work reports (ACT-4): query keys and hooks for the lists, one report, drafting, editing and who has not submitted.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListResponse, MissingReports, MissingReportsQuery, WorkReport, WorkReportDraftInput, WorkReportKind, WorkReportPatch } from '@openpsm/contracts';
import { api } from '../../lib/api-client';

export type WorkReportListFilters = {
  kind?: WorkReportKind;
  userId?: string;
  departmentId?: string;
  status?: 'draft' | 'submitted';
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
  sort?: string;
};

export const workReportKeys = {
  all: ['work-reports'] as const,
  lists: () => [...workReportKeys.all, 'list'] as const,
  list: (filters: WorkReportListFilters) => [...workReportKeys.lists(), filters] as const,
  detail: (id: string) => [...workReportKeys.all, 'detail', id] as const,
  missing: (query: MissingReportsQuery) => [...workReportKeys.all, 'missing', query] as const,
};

export const useWorkReports = (filters: WorkReportListFilters, enabled = true) =>
  useQuery({
    queryKey: workReportKeys.list(filters),
    queryFn: ({ signal }) => api.get<ListResponse<WorkReport>>('/work-reports', filters, signal),
    placeholderData: keepPreviousData,
    enabled,
  });

export const useWorkReport = (id: string) =>
  useQuery({ queryKey: workReportKeys.detail(id), queryFn: ({ signal }) => api.get<WorkReport>(`/work-reports/${id}`, undefined, signal) });

export const useMissingReports = (query: MissingReportsQuery, enabled = true) =>
  useQuery({
    queryKey: workReportKeys.missing(query),
    queryFn: ({ signal }) => api.get<MissingReports>('/work-reports/missing', query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });

/** Opens the caller's report of a period: the existing one, or a fresh draft written from the period's activities. */
export const useDraftWorkReport = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: WorkReportDraftInput) => api.post<WorkReport>('/work-reports/draft', input),
    onSuccess: (report) => {
      queryClient.setQueryData(workReportKeys.detail(report.id), report);
      void queryClient.invalidateQueries({ queryKey: workReportKeys.lists() });
    },
  });
};

/** Saving and submitting are one PATCH; the answer is the report as stored, so the editor continues from its version. */
export const useUpdateWorkReport = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: WorkReportPatch) => api.patch<WorkReport>(`/work-reports/${id}`, patch),
    onSuccess: (report) => {
      queryClient.setQueryData(workReportKeys.detail(id), report);
      void queryClient.invalidateQueries({ queryKey: workReportKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: [...workReportKeys.all, 'missing'] });
    },
  });
};

export const useDeleteWorkReport = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/work-reports/${id}`),
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: workReportKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: workReportKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: [...workReportKeys.all, 'missing'] });
    },
  });
};

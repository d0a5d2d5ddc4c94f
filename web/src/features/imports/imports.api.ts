// Imports (PLAT-11): upload, mapping, preview, run with progress, problems, my imports.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DuplicateAction, ImportJob, ImportJobSummary, ImportRecordType, ImportRowProblem, ListResponse } from '@openpsm/contracts';
import { API_BASE, ApiError, api, apiRequest, readCookie } from '../../lib/api-client';

export const importKeys = {
  all: ['imports'] as const,
  lists: () => [...importKeys.all, 'list'] as const,
  list: (page: number) => [...importKeys.lists(), page] as const,
  detail: (id: string) => [...importKeys.all, 'detail', id] as const,
  problems: (id: string, page: number) => [...importKeys.all, 'problems', id, page] as const,
};

/** Statuses a job leaves by itself: the page polls while the job is in one of them. */
export const isImportActive = (status: ImportJob['status'] | undefined) => status === 'queued' || status === 'running';

export const useImports = (page: number) =>
  useQuery({
    queryKey: importKeys.list(page),
    queryFn: ({ signal }) => api.get<ListResponse<ImportJobSummary>>('/imports', { page, pageSize: 10 }, signal),
    placeholderData: keepPreviousData,
    // A running import's counts move: keep the list fresh while something runs.
    refetchInterval: (query) => (query.state.data?.items.some((item) => isImportActive(item.status)) ? 2000 : false),
  });

export const useImport = (id: string | null) =>
  useQuery({
    queryKey: importKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<ImportJob>(`/imports/${id}`, undefined, signal),
    enabled: Boolean(id),
    refetchInterval: (query) => (isImportActive(query.state.data?.status) ? 1000 : false),
  });

export const useImportProblems = (id: string, page: number, enabled: boolean) =>
  useQuery({
    queryKey: importKeys.problems(id, page),
    queryFn: ({ signal }) => api.get<ListResponse<ImportRowProblem>>(`/imports/${id}/problems`, { page, pageSize: 10 }, signal),
    enabled,
    placeholderData: keepPreviousData,
  });

/** A multipart upload: the JSON client cannot send a file, so this one request is built here (same CSRF rule). */
async function uploadFile(recordType: ImportRecordType, file: File): Promise<ImportJob> {
  const body = new FormData();
  body.append('file', file, file.name);
  const headers: Record<string, string> = { Accept: 'application/json' };
  const csrf = readCookie('psm_csrf');
  if (csrf) headers['X-CSRF-Token'] = csrf;
  const response = await fetch(`${API_BASE}/imports/${recordType}`, { method: 'POST', body, headers, credentials: 'include' });
  const payload = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const problem = payload && typeof payload === 'object' && 'code' in payload ? (payload as ApiError['problem']) : { type: 'about:blank', title: response.statusText, status: response.status, code: `http_${response.status}` };
    throw new ApiError(problem);
  }
  return payload as ImportJob;
}

const useJobMutation = <Input,>(call: (input: Input) => Promise<ImportJob>) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (job) => {
      queryClient.setQueryData(importKeys.detail(job.id), job);
      void queryClient.invalidateQueries({ queryKey: importKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: [...importKeys.all, 'problems', job.id] });
    },
  });
};

export const useUploadImport = () => useJobMutation(({ recordType, file }: { recordType: ImportRecordType; file: File }) => uploadFile(recordType, file));

export const useSetImportMapping = (id: string) =>
  useJobMutation((input: { mapping: Record<string, string>; duplicateAction: DuplicateAction; version: number }) => apiRequest<ImportJob>(`/imports/${id}/mapping`, { method: 'PUT', body: input }));

export const usePreviewImport = (id: string) => useJobMutation(() => api.post<ImportJob>(`/imports/${id}/preview`));
export const useRunImport = (id: string) => useJobMutation(() => api.post<ImportJob>(`/imports/${id}/run`));
export const useCancelImport = (id: string) => useJobMutation(() => api.post<ImportJob>(`/imports/${id}/cancel`));

export const reportUrl = (id: string) => `${API_BASE}/imports/${id}/report`;

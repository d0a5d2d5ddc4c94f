// Follow-up records and planned activities (ACT-1, ACT-2), check-in / out (ACT-6) and their photos (attachments of
// record type 'activity').
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Activity, ActivityInput, ActivityPatch, Attachment, CheckInput, HistoryEntry, ListResponse } from '@openpsm/contracts';
import { API_BASE, ApiError, api, readCookie } from '../../lib/api-client';
import type { QueryParams } from '../../lib/api-client';

export const activityKeys = {
  all: ['activities'] as const,
  lists: () => [...activityKeys.all, 'list'] as const,
  list: (query: QueryParams) => [...activityKeys.lists(), query] as const,
  detail: (id: string) => [...activityKeys.all, 'detail', id] as const,
  history: (id: string) => [...activityKeys.all, 'history', id] as const,
  attachments: (id: string) => [...activityKeys.all, 'attachments', id] as const,
};

export const useActivities = (query: QueryParams, enabled = true) =>
  useQuery({
    queryKey: activityKeys.list(query),
    queryFn: ({ signal }) => api.get<ListResponse<Activity>>('/activities', query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });

export const useActivity = (id: string | null | undefined) =>
  useQuery({
    queryKey: activityKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<Activity>(`/activities/${id}`, undefined, signal),
    enabled: Boolean(id),
  });

export const useActivityHistory = (id: string) =>
  useQuery({
    queryKey: activityKeys.history(id),
    queryFn: ({ signal }) => api.get<{ items: HistoryEntry[] }>(`/activities/${id}/history`, undefined, signal),
    select: (data) => data.items,
  });

/**
 * Logging moves the last-activity dates of the organisation, project and contacts, a next step becomes a task, and the
 * calendar and team views count it: all of those are read again.
 */
const useRefresh = () => {
  const queryClient = useQueryClient();
  return (activity?: Activity) => {
    if (activity) queryClient.setQueryData(activityKeys.detail(activity.id), activity);
    for (const key of ['activities', 'calendar', 'tasks', 'organizations', 'projects', 'contacts', 'team-activity', 'coaching', 'work-reports']) {
      void queryClient.invalidateQueries({ queryKey: [key] });
    }
  };
};

export const useCreateActivity = () => {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: ActivityInput) => api.post<Activity>('/activities', input), onSuccess: refresh });
};

export const useUpdateActivity = () => {
  const refresh = useRefresh();
  return useMutation({ mutationFn: ({ id, ...patch }: ActivityPatch & { id: string }) => api.patch<Activity>(`/activities/${id}`, patch), onSuccess: refresh });
};

export const useDeleteActivity = () => {
  const refresh = useRefresh();
  return useMutation({
    // The version travels as a query parameter, like the other soft deletes of versioned records.
    mutationFn: ({ id, version }: { id: string; version: number }) => api.delete(`/activities/${id}?version=${version}`),
    onSuccess: () => refresh(),
  });
};

export type CheckKind = 'check-in' | 'check-out';

export const useCheck = () => {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, kind, ...input }: CheckInput & { id: string; kind: CheckKind }) => api.post<Activity>(`/activities/${id}/${kind}`, input),
    onSuccess: refresh,
  });
};

// ---------------------------------------------------------------------------------------------------------------------
// Photos and files: attachments of record type 'activity'.

export const useActivityAttachments = (id: string, enabled = true) =>
  useQuery({
    queryKey: activityKeys.attachments(id),
    queryFn: ({ signal }) => api.get<{ items: Attachment[] }>('/attachments', { recordType: 'activity', recordId: id }, signal),
    select: (data) => data.items,
    enabled,
  });

export const attachmentUrl = (id: string) => `${API_BASE}/attachments/${id}/download`;

export const isImage = (attachment: Pick<Attachment, 'contentType' | 'fileName'>) =>
  attachment.contentType.startsWith('image/') && !/\.dwg$/i.test(attachment.fileName);

/** A multipart upload: the JSON client cannot send a file, so this one request is built here (same CSRF rule). */
export async function uploadActivityFile(activityId: string, file: File): Promise<Attachment> {
  const body = new FormData();
  body.append('file', file, file.name);
  const headers: Record<string, string> = { Accept: 'application/json' };
  const csrf = readCookie('psm_csrf');
  if (csrf) headers['X-CSRF-Token'] = csrf;
  let response: Response;
  try {
    response = await fetch(`${API_BASE}/attachments?recordType=activity&recordId=${activityId}`, { method: 'POST', body, headers, credentials: 'include' });
  } catch (error) {
    throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, code: 'network_error', detail: error instanceof Error ? error.message : String(error) });
  }
  const payload = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const problem =
      payload && typeof payload === 'object' && 'code' in payload
        ? (payload as ApiError['problem'])
        : { type: 'about:blank', title: response.statusText, status: response.status, code: `http_${response.status}` };
    throw new ApiError(problem);
  }
  return payload as Attachment;
}

export const useUploadActivityFile = (activityId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => uploadActivityFile(activityId, file),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: activityKeys.attachments(activityId) });
      void queryClient.invalidateQueries({ queryKey: activityKeys.detail(activityId) });
    },
  });
};

export const useDeleteActivityFile = (activityId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (attachmentId: string) => api.delete(`/attachments/${attachmentId}`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: activityKeys.attachments(activityId) });
      void queryClient.invalidateQueries({ queryKey: activityKeys.detail(activityId) });
    },
  });
};

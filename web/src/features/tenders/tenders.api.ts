// Tenders of a project (PRJ-12), their documents (attachments of record type 'tender') and the price history.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Attachment,
  Tender,
  TenderBiddersInput,
  TenderDecisionInput,
  TenderInput,
  TenderPatch,
  TenderPriceHistory,
  TenderPriceHistoryQuery,
  TenderResultInput,
} from '@openpsm/contracts';
import { API_BASE, ApiError, api, apiRequest, readCookie } from '../../lib/api-client';

export const tenderKeys = {
  all: ['tenders'] as const,
  list: (projectId: string) => [...tenderKeys.all, 'list', projectId] as const,
  documents: (tenderId: string) => [...tenderKeys.all, 'documents', tenderId] as const,
  priceHistory: (query: TenderPriceHistoryQuery) => [...tenderKeys.all, 'price-history', query] as const,
};

export const useTenders = (projectId: string) =>
  useQuery({
    queryKey: tenderKeys.list(projectId),
    queryFn: ({ signal }) => api.get<{ items: Tender[] }>(`/projects/${projectId}/tenders`, undefined, signal),
    select: (data) => data.items,
  });

/** A tender change may move the project's scores and is a line in its history: both are read again. */
const useTenderMutation = <Input, Result>(projectId: string, run: (input: Input) => Promise<Result>) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: tenderKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['projects'] });
    },
  });
};

const base = (projectId: string) => `/projects/${projectId}/tenders`;

export const useCreateTender = (projectId: string) => useTenderMutation(projectId, (input: TenderInput) => api.post<Tender>(base(projectId), input));
export const useUpdateTender = (projectId: string) =>
  useTenderMutation(projectId, ({ id, ...patch }: TenderPatch & { id: string }) => api.patch<Tender>(`${base(projectId)}/${id}`, patch));
export const useDeleteTender = (projectId: string) =>
  useTenderMutation(projectId, ({ id, version }: { id: string; version: number }) => api.delete(`${base(projectId)}/${id}`, { version }));
export const useDecideTender = (projectId: string) =>
  useTenderMutation(projectId, ({ id, ...input }: TenderDecisionInput & { id: string }) => api.post<Tender>(`${base(projectId)}/${id}/decision`, input));
export const useSaveBidders = (projectId: string) =>
  useTenderMutation(projectId, ({ id, ...input }: TenderBiddersInput & { id: string }) =>
    // PUT through the generic request: the client's shorthand has no put.
    apiRequest<Tender>(`${base(projectId)}/${id}/bidders`, { method: 'PUT', body: input }),
  );
export const useSetTenderResult = (projectId: string) =>
  useTenderMutation(projectId, ({ id, ...input }: TenderResultInput & { id: string }) => api.post<Tender>(`${base(projectId)}/${id}/result`, input));

export const useTenderDocuments = (tenderId: string) =>
  useQuery({
    queryKey: tenderKeys.documents(tenderId),
    queryFn: ({ signal }) => api.get<{ items: Attachment[] }>('/attachments', { recordType: 'tender', recordId: tenderId }, signal),
    select: (data) => data.items,
  });

export const documentDownloadUrl = (id: string) => `${API_BASE}/attachments/${id}/download`;

/** A multipart upload: the JSON client cannot send a file, so this one request is built here (same CSRF rule). */
async function uploadDocument(tenderId: string, file: File): Promise<Attachment> {
  const body = new FormData();
  body.append('file', file, file.name);
  const headers: Record<string, string> = { Accept: 'application/json' };
  const csrf = readCookie('psm_csrf');
  if (csrf) headers['X-CSRF-Token'] = csrf;
  const response = await fetch(`${API_BASE}/attachments?recordType=tender&recordId=${tenderId}`, { method: 'POST', body, headers, credentials: 'include' });
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

export const useUploadDocument = (tenderId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => uploadDocument(tenderId, file),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: tenderKeys.all }),
  });
};

export const useDeleteDocument = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/attachments/${id}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: tenderKeys.all }),
  });
};

export const usePriceHistory = (query: TenderPriceHistoryQuery) =>
  useQuery({
    queryKey: tenderKeys.priceHistory(query),
    queryFn: ({ signal }) => api.get<TenderPriceHistory>('/tenders/price-history', query, signal),
    placeholderData: keepPreviousData,
  });

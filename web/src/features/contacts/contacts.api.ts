// Contacts (联系人): list, read, create, edit, delete, history and job history.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Contact, ContactInput, ContactPosition, HistoryEntry, ListResponse } from '@openpsm/contracts';
import { api } from '../../lib/api-client';
import type { QueryParams } from '../../lib/api-client';

export type ContactPayload = Partial<ContactInput> & { confirmDuplicate?: boolean };

export const contactKeys = {
  all: ['contacts'] as const,
  lists: () => [...contactKeys.all, 'list'] as const,
  list: (query: QueryParams) => [...contactKeys.lists(), query] as const,
  detail: (id: string) => [...contactKeys.all, 'detail', id] as const,
  history: (id: string) => [...contactKeys.all, 'history', id] as const,
  positions: (id: string) => [...contactKeys.all, 'positions', id] as const,
};

export const useContacts = (query: QueryParams, enabled = true) =>
  useQuery({
    queryKey: contactKeys.list(query),
    queryFn: ({ signal }) => api.get<ListResponse<Contact>>('/contacts', query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });

export const useContact = (id: string) =>
  useQuery({
    queryKey: contactKeys.detail(id),
    queryFn: () => api.get<Contact>(`/contacts/${id}`),
  });

export const useContactHistory = (id: string) =>
  useQuery({
    queryKey: contactKeys.history(id),
    queryFn: () => api.get<{ items: HistoryEntry[] }>(`/contacts/${id}/history`),
    select: (data) => data.items,
  });

export const useContactPositions = (id: string) =>
  useQuery({
    queryKey: contactKeys.positions(id),
    queryFn: () => api.get<{ items: ContactPosition[] }>(`/contacts/${id}/positions`),
    select: (data) => data.items,
  });

export const useCreateContact = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (payload: ContactPayload) => api.post<Contact>('/contacts', payload),
    onSuccess: (contact) => {
      queryClient.setQueryData(contactKeys.detail(contact.id), contact);
      void queryClient.invalidateQueries({ queryKey: contactKeys.lists() });
    },
  });
};

export const useUpdateContact = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (payload: ContactPayload & { version: number }) => api.patch<Contact>(`/contacts/${id}`, payload),
    onSuccess: (contact) => {
      queryClient.setQueryData(contactKeys.detail(id), contact);
      void queryClient.invalidateQueries({ queryKey: contactKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: contactKeys.history(id) });
      void queryClient.invalidateQueries({ queryKey: contactKeys.positions(id) });
    },
  });
};

export const useDeleteContact = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/contacts/${id}`),
    onSuccess: (_result, id) => {
      queryClient.removeQueries({ queryKey: contactKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: contactKeys.lists() });
    },
  });
};

/** The list view as an Excel file: a plain link, so the browser sends the session cookie (a GET needs no CSRF token). */
export const contactsExportHref = (query: QueryParams) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, page: undefined, pageSize: undefined })) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  return `/api/v1/contacts/export?${params.toString()}`;
};

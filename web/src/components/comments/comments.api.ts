// Comment threads (点评, ACT-3) on activities and work reports: query keys and hooks, shared by every page showing a thread.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Comment, CommentableType, CommentList } from '@openpsm/contracts';
import { api } from '../../lib/api-client';

export const commentKeys = {
  all: ['comments'] as const,
  thread: (recordType: CommentableType, recordId: string) => [...commentKeys.all, recordType, recordId] as const,
};

const threadPath = (recordType: CommentableType, recordId: string) => `/comments/${recordType}/${recordId}`;

export const useComments = (recordType: CommentableType, recordId: string, initialComments?: Comment[]) =>
  useQuery({
    queryKey: commentKeys.thread(recordType, recordId),
    queryFn: async ({ signal }) => (await api.get<CommentList>(threadPath(recordType, recordId), undefined, signal)).items,
    // A page that already read the comments with its records (the coaching view) hands them over: no request per record.
    initialData: initialComments,
    staleTime: initialComments ? 30_000 : undefined,
  });

/**
 * A comment changes the record's comment count (report lists, the coaching view): those are read again as well, by
 * their key prefixes, so the thread needs to know nothing about the pages around it.
 */
const useThreadMutation = <Input, Result>(recordType: CommentableType, recordId: string, run: (input: Input) => Promise<Result>) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: commentKeys.thread(recordType, recordId) });
      void queryClient.invalidateQueries({ queryKey: ['work-reports'] });
      void queryClient.invalidateQueries({ queryKey: ['activities'] });
      void queryClient.invalidateQueries({ queryKey: ['coaching'] });
    },
  });
};

export const useAddComment = (recordType: CommentableType, recordId: string) =>
  useThreadMutation(recordType, recordId, (body: string) => api.post<Comment>(threadPath(recordType, recordId), { body }));

export const useDeleteComment = (recordType: CommentableType, recordId: string) =>
  useThreadMutation(recordType, recordId, (id: string) => api.delete(`/comments/${id}`));

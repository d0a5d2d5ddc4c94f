// Mail the server would have sent: kept here when no SMTP server is configured.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { outboxMailSchema } from '@openpsm/contracts';
import { api } from '../../lib/api-client';
import type { QueryParams } from '../../lib/api-client';

export type OutboxMail = z.infer<typeof outboxMailSchema>;

export const outboxKeys = {
  all: ['outbox'] as const,
  list: (query: QueryParams) => [...outboxKeys.all, query] as const,
};

export const useOutbox = (query: QueryParams) =>
  useQuery({
    queryKey: outboxKeys.list(query),
    queryFn: ({ signal }) => api.get<{ items: OutboxMail[]; total?: number }>('/outbox', query, signal),
    placeholderData: keepPreviousData,
  });

// The security audit log: sign-ins, permission changes, exports, transfers …
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { auditEntrySchema, ListResponse } from '@openpsm/contracts';
import { api } from '../../lib/api-client';
import type { QueryParams } from '../../lib/api-client';

export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditKeys = {
  all: ['audit-log'] as const,
  list: (query: QueryParams) => [...auditKeys.all, query] as const,
};

export const useAuditLog = (query: QueryParams) =>
  useQuery({
    queryKey: auditKeys.list(query),
    queryFn: ({ signal }) => api.get<ListResponse<AuditEntry>>('/audit-log', query, signal),
    placeholderData: keepPreviousData,
  });

// Custom field definitions: extra fields administrators add to record types.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CustomField, CustomFieldType } from '@openpsm/contracts';
import { api } from '../../lib/api-client';
import { referenceKeys } from '../../lib/reference-data';
import type { CustomFieldRecordType } from '../../lib/reference-data';

export type CustomFieldOptionInput = { code: string; labelZh: string; labelEn: string };
export type CustomFieldInput = {
  recordType: CustomFieldRecordType;
  key: string;
  labelZh: string;
  labelEn: string;
  type: CustomFieldType;
  options: CustomFieldOptionInput[];
  required: boolean;
  showInList: boolean;
  sort: number;
};
export type CustomFieldPatch = Partial<Omit<CustomFieldInput, 'recordType' | 'key' | 'type'>> & { active?: boolean; version: number };

export const useCreateCustomField = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CustomFieldInput) => api.post<CustomField>('/custom-fields', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: referenceKeys.customFieldsAll }),
  });
};

export const useUpdateCustomField = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...patch }: CustomFieldPatch & { id: string }) => api.patch<CustomField>(`/custom-fields/${id}`, patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: referenceKeys.customFieldsAll }),
  });
};

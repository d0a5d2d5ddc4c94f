// How the value of a condition field reads: option labels, department and user names, money, yes / no. Used by the
// approval drawer (what was submitted) and the flow editor (condition summaries and choices).
import { useCallback, useMemo } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { organizationGrades, organizationTypes, positions } from '@openpsm/contracts';
import type { ConditionField, OptionListKey } from '@openpsm/contracts';
import { optionListKeys } from '@openpsm/contracts';
import { useFormat } from '../../lib/format';
import { translateDynamic } from '../../lib/i18n';
import { useDepartments, useOptionLabeler, useOptions } from '../../lib/reference-data';
import { UserName } from '../user-name';

export type FieldInfo = Pick<ConditionField, 'type' | 'options' | 'optionList'>;

/**
 * What the organisation-deletion fields are, for readers without `approval.view` (who cannot read the document types):
 * an approver still wants "Owner" rather than `owner`.
 */
const knownFields: Record<string, FieldInfo> = {
  'organization.type': { type: 'option', options: [...organizationTypes] },
  'organization.grade': { type: 'option', options: [...organizationGrades] },
  'organization.industry': { type: 'option', optionList: 'industry' },
  'organization.region': { type: 'option', optionList: 'region' },
  'organization.source': { type: 'option', optionList: 'source' },
  'organization.scale': { type: 'option', optionList: 'scale' },
  'organization.owner': { type: 'user' },
  'organization.ownerId': { type: 'user' },
  'submitter.department': { type: 'department' },
  'submitter.position': { type: 'option', options: [...positions] },
};

/** Fixed option sets whose codes have translated names. */
const fixedOptionLabelPrefix: Record<string, string> = {
  'organization.type': 'organizations.types',
  'submitter.position': 'users.positions',
};

const isOptionListKey = (value: string | undefined): value is OptionListKey => optionListKeys.includes(value as OptionListKey);

export const fieldInfoOf = (key: string, info?: FieldInfo): FieldInfo | undefined => info ?? knownFields[key];

/** Turns an option code of a field into its label in the reader's language. */
export const useOptionCodeLabel = () => {
  const { i18n } = useTranslation();
  const labelOf = useOptionLabeler(i18n.language);
  return useCallback(
    (key: string, code: string, info?: FieldInfo): string => {
      const field = fieldInfoOf(key, info);
      if (isOptionListKey(field?.optionList)) return labelOf(field.optionList, code);
      const prefix = fixedOptionLabelPrefix[key];
      return prefix ? translateDynamic(`${prefix}.${code}`, code) : code;
    },
    [labelOf],
  );
};

/** The choices of an option field: its fixed options, or the active options of its option list. */
export const useOptionChoices = (key: string, info?: FieldInfo): { value: string; label: string }[] => {
  const field = fieldInfoOf(key, info);
  const listKey: OptionListKey = isOptionListKey(field?.optionList) ? field.optionList : 'industry';
  const fromList = useOptions(listKey);
  const labelOfCode = useOptionCodeLabel();
  return useMemo(() => {
    if (isOptionListKey(field?.optionList)) return fromList.options.map((option) => ({ value: option.code, label: labelOfCode(key, option.code, field) }));
    return (field?.options ?? []).map((code) => ({ value: code, label: labelOfCode(key, code, field) }));
  }, [field, fromList.options, key, labelOfCode]);
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isNamed = (value: unknown): value is { displayName?: unknown; name?: unknown } =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && ('displayName' in value || 'name' in value);

/** A value formatter for the signed-in reader; `info` comes from the document type when the page has it. */
export const useConditionValueFormatter = () => {
  const { t } = useTranslation();
  const format = useFormat();
  const departments = useDepartments();
  const optionLabel = useOptionCodeLabel();
  const departmentName = useMemo(() => new Map((departments.data ?? []).map((department) => [department.id, department.name])), [departments.data]);

  return useCallback(
    (key: string, value: unknown, info?: FieldInfo): ReactNode => {
      const field = fieldInfoOf(key, info);
      const one = (item: unknown): ReactNode => {
        if (item === null || item === undefined || item === '') return t('common.empty');
        // The server may send a reference with its name instead of a bare id.
        if (isNamed(item)) return String(item.displayName ?? item.name);
        if (typeof item === 'boolean') return item ? t('approvals.yes') : t('approvals.no');
        const text = String(item);
        switch (field?.type) {
          case 'money':
            return format.money(text);
          case 'option':
            return optionLabel(key, text, field);
          // A display field may carry the name itself (the owner's name as submitted) rather than an id.
          case 'department':
            if (!UUID.test(text)) return text;
            return departmentName.get(text) ?? <span title={text}>{`${text.slice(0, 8)}…`}</span>;
          case 'user':
            return UUID.test(text) ? <UserName id={text} /> : text;
          default:
            return typeof item === 'object' ? JSON.stringify(item) : text;
        }
      };
      if (Array.isArray(value)) {
        if (value.length === 0) return t('common.empty');
        return value.map((item, index) => (
          <span key={index}>
            {index > 0 && t('approvals.listSeparator')}
            {one(item)}
          </span>
        ));
      }
      return one(value);
    },
    [departmentName, format, optionLabel, t],
  );
};

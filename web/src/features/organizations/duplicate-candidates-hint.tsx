// The duplicate check while typing (CUS-3): candidates appear under the form before anyone presses save.
import { useMemo } from 'react';
import { Alert, Flex, Form, Spin, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '../../components/use-debounced-value';
import { useOrganizationDuplicates, type DuplicateQuery } from './organizations.api';
import { DuplicateCandidatesTable } from './duplicate-candidates-table';

type DuplicateCandidatesHintProps = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form holding name / creditCode / phone
  form: FormInstance<any>;
  /** The organisation being edited: not its own duplicate, and the one a candidate would merge into. */
  organizationId?: string;
};

export const DuplicateCandidatesHint = ({ form, organizationId }: DuplicateCandidatesHintProps) => {
  const { t } = useTranslation();
  const name = Form.useWatch<string | undefined>('name', form);
  const creditCode = Form.useWatch<string | undefined>('creditCode', form);
  const phone = Form.useWatch<string | undefined>('phone', form);
  // Half a second after the last key: a request per pause, not per character.
  // Debounced as text: an object made on every render would never settle.
  const typed = JSON.stringify({ name: name?.trim() || undefined, creditCode: creditCode?.trim() || undefined, phone: phone?.trim() || undefined, excludeId: organizationId });
  const settled = useDebouncedValue(typed, 500);
  const query = useMemo(() => JSON.parse(settled) as DuplicateQuery, [settled]);
  const duplicates = useOrganizationDuplicates(query);
  const candidates = duplicates.data ?? [];

  if (duplicates.isFetching && candidates.length === 0) {
    return (
      <Flex gap={8} align="center" style={{ marginBottom: 16 }}>
        <Spin size="small" />
        <Typography.Text type="secondary">{t('duplicates.checking')}</Typography.Text>
      </Flex>
    );
  }
  if (candidates.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="org-duplicate-hint"
      title={t('duplicates.found', { count: candidates.length })}
      description={
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('duplicates.foundHelp')}
          </Typography.Paragraph>
          <DuplicateCandidatesTable candidates={candidates} mergeInto={organizationId} testId="org-duplicate-candidates" />
        </>
      }
    />
  );
};

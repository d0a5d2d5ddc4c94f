// The record as it was submitted: its fields as label / value, and a link to the record where the app has a page for it.
import { Descriptions, Empty, Flex, Typography } from 'antd';
import { ExportOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ApprovalDetail } from '@openpsm/contracts';
import { approvalFieldLabel, useDocumentTypes } from '../../lib/approvals';
import { translateDynamic } from '../../lib/i18n';
import { recordPath } from '../../lib/records';
import { useConditionValueFormatter } from '../../components/approvals/condition-field-value';

export const ApprovalRecordSummary = ({ approval }: { approval: Pick<ApprovalDetail, 'documentType' | 'recordType' | 'recordId' | 'fields'> }) => {
  const { t } = useTranslation();
  const formatValue = useConditionValueFormatter();
  const documentTypes = useDocumentTypes();
  const fieldInfo = documentTypes.data?.find((type) => type.key === approval.documentType)?.fields ?? [];
  const path = recordPath(approval.recordType, approval.recordId);
  const recordTypeLabel = translateDynamic(`recordTypes.${approval.recordType}`, approval.recordType);

  return (
    <div>
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('approvals.recordSection', { type: recordTypeLabel })}
        </Typography.Title>
        {path && (
          <Link to={path} data-testid="approval-record-link">
            <ExportOutlined /> {t('approvals.openRecord', { type: recordTypeLabel })}
          </Link>
        )}
      </Flex>
      {approval.fields.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('approvals.noFields')} />
      ) : (
        <Descriptions
          bordered
          size="small"
          column={1}
          items={approval.fields.map((entry) => {
            // Display fields are named like the record's own fields (`grade`); conditions qualify them (`organization.grade`).
            const key = entry.field.includes('.') ? entry.field : `${approval.recordType}.${entry.field}`;
            return {
              key: entry.field,
              label: approvalFieldLabel(key),
              children: formatValue(key, entry.value, fieldInfo.find((field) => field.key === key)),
            };
          })}
        />
      )}
    </div>
  );
};

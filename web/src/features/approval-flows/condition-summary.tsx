// A condition in one line: "Type is Owner and Grade is one of A, B"; no condition reads "Always".
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Condition, ConditionField } from '@openpsm/contracts';
import { approvalFieldLabel } from '../../lib/approvals';
import { useConditionValueFormatter } from '../../components/approvals/condition-field-value';

export const ConditionSummary = ({ condition, fields }: { condition: Condition | null; fields: ConditionField[] }) => {
  const { t } = useTranslation();
  const formatValue = useConditionValueFormatter();
  if (!condition) return <Typography.Text type="secondary">{t('approvalFlows.always')}</Typography.Text>;
  const joiner = t(`approvalFlows.joiners.${condition.match}`);
  return (
    <span data-testid="condition-summary">
      {condition.rules.map((rule, index) => (
        <span key={index}>
          {index > 0 && <Typography.Text type="secondary">{` ${joiner} `}</Typography.Text>}
          {approvalFieldLabel(rule.field)} {t(`approvalFlows.operators.${rule.op}`)}{' '}
          <Typography.Text strong>
            {formatValue(
              rule.field,
              rule.value,
              fields.find((field) => field.key === rule.field),
            )}
          </Typography.Text>
        </span>
      ))}
    </span>
  );
};

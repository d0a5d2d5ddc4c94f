// The board's filters: owner, department, product line, amount range, expected signing date range, grade, health, sort.
import { Button, DatePicker, Flex, InputNumber, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { DepartmentTreeSelect } from '../../components/department-tree-select';
import { UserSelect } from '../../components/user-select';
import { optionLabel, useOptions } from '../../lib/reference-data';
import type { BoardFilters } from './pipeline.api';

type Props = { filters: BoardFilters; onChange: (patch: Partial<BoardFilters>) => void; onClear: () => void };

const toAmount = (value: number | string | null) => (value === null || value === '' ? undefined : String(value));

export const PipelineFilters = ({ filters, onChange, onClear }: Props) => {
  const { t, i18n } = useTranslation();
  const productLines = useOptions('product_line');
  const range: [dayjs.Dayjs | null, dayjs.Dayjs | null] | null =
    filters.expectedFrom || filters.expectedTo ? [filters.expectedFrom ? dayjs(filters.expectedFrom) : null, filters.expectedTo ? dayjs(filters.expectedTo) : null] : null;
  const width = { minWidth: 150, flex: '1 1 150px', maxWidth: 240 };
  return (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }} data-testid="pipeline-filters">
      <UserSelect
        style={width}
        placeholder={t('pipeline.filters.owner')}
        value={filters.owner}
        onChange={(owner) => onChange({ owner: owner ?? undefined })}
        data-testid="pipeline-filter-owner"
      />
      <DepartmentTreeSelect
        style={width}
        placeholder={t('pipeline.filters.department')}
        value={filters.department}
        onChange={(department) => onChange({ department: department ?? undefined })}
        data-testid="pipeline-filter-department"
      />
      <Select
        allowClear
        style={width}
        placeholder={t('pipeline.filters.productLine')}
        value={filters.productLine}
        onChange={(productLine) => onChange({ productLine })}
        options={productLines.options.map((option) => ({ value: option.code, label: optionLabel(option, i18n.language) }))}
        data-testid="pipeline-filter-product-line"
      />
      <InputNumber<number>
        min={0}
        style={{ width: 140 }}
        placeholder={t('pipeline.filters.amountMin')}
        value={filters.amountMin ? Number(filters.amountMin) : null}
        onChange={(value) => onChange({ amountMin: toAmount(value) })}
        data-testid="pipeline-filter-amount-min"
      />
      <InputNumber<number>
        min={0}
        style={{ width: 140 }}
        placeholder={t('pipeline.filters.amountMax')}
        value={filters.amountMax ? Number(filters.amountMax) : null}
        onChange={(value) => onChange({ amountMax: toAmount(value) })}
        data-testid="pipeline-filter-amount-max"
      />
      <DatePicker.RangePicker
        allowEmpty={[true, true]}
        value={range}
        placeholder={[t('pipeline.filters.expected'), t('pipeline.filters.expected')]}
        onChange={(dates) =>
          onChange({ expectedFrom: dates?.[0]?.format('YYYY-MM-DD') ?? undefined, expectedTo: dates?.[1]?.format('YYYY-MM-DD') ?? undefined })
        }
        data-testid="pipeline-filter-expected"
      />
      <Select
        allowClear
        style={{ width: 120 }}
        placeholder={t('pipeline.filters.grade')}
        value={filters.grade}
        onChange={(grade) => onChange({ grade })}
        options={['A', 'B', 'C'].map((grade) => ({ value: grade, label: grade }))}
        data-testid="pipeline-filter-grade"
      />
      <InputNumber<number>
        min={0}
        max={100}
        style={{ width: 130 }}
        placeholder={t('pipeline.filters.healthMin')}
        value={filters.healthMin ?? null}
        onChange={(value) => onChange({ healthMin: value ?? undefined })}
        data-testid="pipeline-filter-health-min"
      />
      <Select
        style={{ width: 170 }}
        aria-label={t('pipeline.filters.sort')}
        value={filters.sort ?? 'amount'}
        onChange={(sort) => onChange({ sort })}
        options={(['amount', 'expectedSignDate'] as const).map((sort) => ({ value: sort, label: t(`pipeline.filters.sorts.${sort}`) }))}
        data-testid="pipeline-filter-sort"
      />
      <Button onClick={onClear}>{t('common.clearFilters')}</Button>
    </Flex>
  );
};

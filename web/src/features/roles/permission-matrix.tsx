// Modules × actions as a grid of checkboxes; a cell exists only where the catalogue has that action.
import { Checkbox, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { translateDynamic } from '../../lib/i18n';

type PermissionMatrixProps = {
  modules: Record<string, string[]>;
  value?: string[];
  onChange?: (value: string[]) => void;
  disabled?: boolean;
};

type Row = { module: string; actions: string[] };

export const PermissionMatrix = ({ modules, value = [], onChange, disabled }: PermissionMatrixProps) => {
  const { t } = useTranslation();
  const granted = new Set(value);
  const allActions = [...new Set(Object.values(modules).flat())];
  const rows: Row[] = Object.entries(modules).map(([module, actions]) => ({ module, actions }));

  const set = (permissions: string[], on: boolean) => {
    const next = new Set(granted);
    for (const permission of permissions) {
      if (on) next.add(permission);
      else next.delete(permission);
    }
    onChange?.([...next].sort());
  };

  const columns: TableColumnsType<Row> = [
    {
      title: t('roles.module'),
      key: 'module',
      fixed: 'left',
      render: (_, row) => {
        const keys = row.actions.map((action) => `${row.module}.${action}`);
        const count = keys.filter((key) => granted.has(key)).length;
        return (
          <Checkbox
            disabled={disabled}
            checked={count === keys.length}
            indeterminate={count > 0 && count < keys.length}
            onChange={(event) => set(keys, event.target.checked)}
          >
            {translateDynamic(`roles.modules.${row.module}`, row.module)}
          </Checkbox>
        );
      },
    },
    ...allActions.map((action) => ({
      title: translateDynamic(`roles.actions.${action}`, action),
      key: action,
      align: 'center' as const,
      render: (_: unknown, row: Row) => {
        if (!row.actions.includes(action)) return null;
        const key = `${row.module}.${action}`;
        return (
          <Checkbox
            disabled={disabled}
            checked={granted.has(key)}
            aria-label={key}
            data-testid={`perm-${key}`}
            onChange={(event) => {
              // Every other action on a module is meaningless without seeing it.
              if (event.target.checked && action !== 'view' && row.actions.includes('view')) set([key, `${row.module}.view`], true);
              else set([key], event.target.checked);
            }}
          />
        );
      },
    })),
  ];

  return <Table<Row> rowKey="module" size="small" bordered pagination={false} columns={columns} dataSource={rows} scroll={{ x: 'max-content' }} />;
};

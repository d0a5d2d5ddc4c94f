import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import type { TreeSelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDepartments } from '../lib/reference-data';
import { buildDepartmentTree, descendantIds } from '../lib/department-tree';
import type { DepartmentNode } from '../lib/department-tree';

type TreeOption = { value: string; title: string; disabled?: boolean; children: TreeOption[] };

type DepartmentTreeSelectProps = Omit<TreeSelectProps<string>, 'treeData'> & {
  /** Greys out this department and its descendants (moving a department under itself). */
  excludeSubtreeOf?: string;
  includeInactive?: boolean;
};

export const DepartmentTreeSelect = ({ excludeSubtreeOf, includeInactive = false, placeholder, ...props }: DepartmentTreeSelectProps) => {
  const { t } = useTranslation();
  const departments = useDepartments();
  const treeData = useMemo(() => {
    const all = departments.data ?? [];
    const blocked = excludeSubtreeOf ? descendantIds(all, excludeSubtreeOf) : new Set<string>();
    const toOption = (node: DepartmentNode): TreeOption => ({
      value: node.id,
      title: node.active ? node.name : `${node.name} (${t('common.disabled')})`,
      disabled: blocked.has(node.id) || (!node.active && !includeInactive),
      children: node.children.map(toOption),
    });
    return buildDepartmentTree(all).map(toOption);
  }, [departments.data, excludeSubtreeOf, includeInactive, t]);

  return (
    <TreeSelect<string>
      allowClear
      treeDefaultExpandAll
      loading={departments.isLoading}
      placeholder={placeholder ?? t('common.selectDepartment')}
      showSearch={{ treeNodeFilterProp: 'title' }}
      {...props}
      treeData={treeData}
    />
  );
};

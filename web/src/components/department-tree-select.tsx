import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import type { TreeSelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDepartments } from '../lib/reference-data';
import { buildDepartmentTree, descendantIds } from '../lib/department-tree';
import type { DepartmentNode } from '../lib/department-tree';

type TreeOption = { value: string; title: string; disabled?: boolean; children: TreeOption[] };

type TreeOptions = {
  /** Greys out this department and its descendants (moving a department under itself). */
  excludeSubtreeOf?: string;
  includeInactive?: boolean;
};

const useDepartmentTreeData = ({ excludeSubtreeOf, includeInactive = false }: TreeOptions) => {
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
  return { treeData, loading: departments.isLoading };
};

type DepartmentTreeSelectProps = Omit<TreeSelectProps<string>, 'treeData'> & TreeOptions;

export const DepartmentTreeSelect = ({ excludeSubtreeOf, includeInactive, placeholder, ...props }: DepartmentTreeSelectProps) => {
  const { t } = useTranslation();
  const { treeData, loading } = useDepartmentTreeData({ excludeSubtreeOf, includeInactive });
  return (
    <TreeSelect<string>
      allowClear
      treeDefaultExpandAll
      loading={loading}
      placeholder={placeholder ?? t('common.selectDepartment')}
      showSearch={{ treeNodeFilterProp: 'title' }}
      {...props}
      treeData={treeData}
    />
  );
};

type DepartmentTreeMultiSelectProps = Omit<TreeSelectProps<string[]>, 'treeData' | 'multiple'> & TreeOptions;

/** Several departments, each picked on its own (choosing a parent does not choose its children). */
export const DepartmentTreeMultiSelect = ({ excludeSubtreeOf, includeInactive, placeholder, ...props }: DepartmentTreeMultiSelectProps) => {
  const { t } = useTranslation();
  const { treeData, loading } = useDepartmentTreeData({ excludeSubtreeOf, includeInactive });
  return (
    <TreeSelect<string[]>
      allowClear
      treeDefaultExpandAll
      loading={loading}
      placeholder={placeholder ?? t('common.selectDepartment')}
      showSearch={{ treeNodeFilterProp: 'title' }}
      {...props}
      multiple
      treeData={treeData}
    />
  );
};

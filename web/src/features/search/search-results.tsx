// The results panel of the header search: groups by type, the active row for the keyboard, highlight, states.
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { Flex, Spin, Tag, Typography, theme } from 'antd';
import { BankOutlined, CommentOutlined, ProjectOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { SearchItem, SearchResponse, SearchType } from '@openpsm/contracts';
import { SearchHighlight } from './search-highlight';

const typeIcons: Record<SearchType, ReactNode> = {
  organization: <BankOutlined />,
  contact: <UserOutlined />,
  project: <ProjectOutlined />,
  activity: <CommentOutlined />,
};

type SearchResultsProps = {
  listId: string;
  text: string;
  searchable: boolean;
  data: SearchResponse | undefined;
  loading: boolean;
  error: boolean;
  activeIndex: number;
  onHover: (index: number) => void;
  onOpen: (item: SearchItem) => void;
  showKeyboardHelp: boolean;
};

export const resultId = (listId: string, index: number) => `${listId}-option-${index}`;

export const SearchResults = ({ listId, text, searchable, data, loading, error, activeIndex, onHover, onOpen, showKeyboardHelp }: SearchResultsProps) => {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const activeRef = useRef<HTMLDivElement | null>(null);
  useEffect(() => activeRef.current?.scrollIntoView({ block: 'nearest' }), [activeIndex]);

  const note = (content: ReactNode, testId?: string) => (
    <Typography.Text type="secondary" style={{ display: 'block', padding: '12px 16px' }} data-testid={testId}>
      {content}
    </Typography.Text>
  );
  if (!text.trim()) return note(t('globalSearch.shortcutHint'));
  if (!searchable) return note(t('globalSearch.tooShort'));
  if (error) return note(t('globalSearch.error'));
  if (!data) {
    return (
      <Flex justify="center" style={{ padding: 16 }}>
        <Spin size="small" />
      </Flex>
    );
  }
  if (data.groups.length === 0) return note(loading ? <Spin size="small" /> : t('globalSearch.empty', { q: data.q }), 'global-search-empty');

  let index = -1;
  return (
    <div role="listbox" id={listId} aria-busy={loading}>
      {data.groups.map((group) => (
        <div key={group.type} role="group" aria-label={t(`globalSearch.groups.${group.type}`)}>
          <Flex align="center" gap={6} style={{ padding: '8px 16px 4px', color: token.colorTextSecondary, fontSize: 12 }}>
            {typeIcons[group.type]}
            <span>{t(`globalSearch.groups.${group.type}`)}</span>
            {loading && <Spin size="small" style={{ marginLeft: 'auto' }} />}
          </Flex>
          {group.items.map((item) => {
            index += 1;
            const position = index;
            const active = position === activeIndex;
            return (
              <div
                key={`${item.type}-${item.id}`}
                id={resultId(listId, position)}
                ref={active ? activeRef : undefined}
                role="option"
                aria-selected={active}
                data-testid="global-search-result"
                data-type={item.type}
                onMouseEnter={() => onHover(position)}
                onClick={() => onOpen(item)}
                style={{ display: 'flex', gap: 10, alignItems: 'flex-start', padding: '6px 16px', cursor: 'pointer', background: active ? token.controlItemBgActive : undefined }}
              >
                <span style={{ color: token.colorPrimary, paddingTop: 2 }}>{typeIcons[item.type]}</span>
                <div style={{ minWidth: 0, flex: 1 }}>
                  <div style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                    <SearchHighlight text={item.title} query={data.q} />
                  </div>
                  {item.subtitle && (
                    <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                      <SearchHighlight text={item.subtitle} query={data.q} />
                    </Typography.Text>
                  )}
                </div>
                {item.matchedOn !== 'name' && (
                  <Tag style={{ marginInlineEnd: 0, fontSize: 11 }} bordered={false}>
                    {t(`globalSearch.matchedOn.${item.matchedOn}`)}
                  </Tag>
                )}
              </div>
            );
          })}
        </div>
      ))}
      {showKeyboardHelp && (
        <Typography.Text type="secondary" style={{ display: 'block', padding: '6px 16px 8px', fontSize: 12, borderTop: `1px solid ${token.colorBorderSecondary}`, marginTop: 4 }}>
          {t('globalSearch.keyboardHelp')}
        </Typography.Text>
      )}
    </div>
  );
};

// The header search box (PLAT-9): "/" or Ctrl+K focuses it; results grouped by type, ↑ ↓ Enter Esc to move and
// open; on phones an icon opens it as a full-width overlay.
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { Button, Input, theme } from 'antd';
import type { InputRef } from 'antd';
import { CloseOutlined, SearchOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SearchItem } from '@openpsm/contracts';
import { useDebouncedValue } from '../../components/use-debounced-value';
import { useIsMobile } from '../../components/use-is-mobile';
import { isSearchable, useGlobalSearch } from './search.api';
import { SearchResults, resultId } from './search-results';

/** Whether a key press happened while the reader types somewhere: then "/" is a character, not the shortcut. */
const isTyping = (target: EventTarget | null) => {
  const element = target as HTMLElement | null;
  return Boolean(element && (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName)));
};

export const GlobalSearch = () => {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const listId = useId();
  const inputRef = useRef<InputRef>(null);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [activeIndex, setActiveIndex] = useState(0);
  const query = useDebouncedValue(text.trim(), 250);
  const search = useGlobalSearch(query);
  const searchable = isSearchable(text.trim());
  const data = searchable ? search.data : undefined;
  const items = useMemo(() => data?.groups.flatMap((group) => group.items) ?? [], [data]);

  useEffect(() => setActiveIndex(0), [data]);

  const focus = useCallback(() => {
    setOpen(true);
    // On phones the input exists once the overlay is open.
    window.setTimeout(() => inputRef.current?.focus({ cursor: 'all' }), 0);
  }, []);

  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      const ctrlK = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k';
      const slash = event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTyping(event.target);
      if (!ctrlK && !slash) return;
      event.preventDefault();
      focus();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [focus]);

  const close = () => {
    setOpen(false);
    inputRef.current?.blur();
  };

  const openItem = (item: SearchItem) => {
    setOpen(false);
    setText('');
    inputRef.current?.blur();
    void navigate(item.link);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
      return;
    }
    if (!open) setOpen(true);
    if (items.length === 0) return;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActiveIndex((index) => (index + 1) % items.length);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActiveIndex((index) => (index - 1 + items.length) % items.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      // Enter before the debounced query caught up would open a stale result: wait for the answer to this text.
      if (query === text.trim() && items[activeIndex]) openItem(items[activeIndex]);
    }
  };

  const input = (
    <Input
      ref={inputRef}
      value={text}
      allowClear
      prefix={<SearchOutlined style={{ color: token.colorTextTertiary }} />}
      suffix={!isMobile && !open && !text ? <kbd style={{ fontSize: 11, color: token.colorTextTertiary }}>/</kbd> : undefined}
      placeholder={t('globalSearch.placeholder')}
      aria-label={t('globalSearch.open')}
      role="combobox"
      aria-expanded={open}
      aria-controls={listId}
      aria-autocomplete="list"
      aria-activedescendant={open && items.length > 0 ? resultId(listId, activeIndex) : undefined}
      data-testid="global-search"
      onChange={(event) => {
        setText(event.target.value);
        setOpen(true);
      }}
      onFocus={() => setOpen(true)}
      onBlur={() => {
        if (!isMobile) setOpen(false);
      }}
      onKeyDown={onKeyDown}
      style={{ width: isMobile ? '100%' : 280 }}
    />
  );

  const results = (
    <SearchResults
      listId={listId}
      text={text}
      searchable={searchable}
      data={data}
      loading={search.isFetching}
      error={search.isError}
      activeIndex={activeIndex}
      onHover={setActiveIndex}
      onOpen={openItem}
      showKeyboardHelp={!isMobile}
    />
  );

  if (isMobile) {
    return (
      <>
        <Button type="text" icon={<SearchOutlined />} onClick={focus} aria-label={t('globalSearch.open')} data-testid="global-search-open" />
        {open && (
          <div
            role="dialog"
            aria-label={t('globalSearch.open')}
            style={{ position: 'fixed', inset: 0, zIndex: 1100, background: token.colorBgContainer, display: 'flex', flexDirection: 'column', lineHeight: 1.5 }}
          >
            <div style={{ display: 'flex', gap: 8, alignItems: 'center', padding: 8, borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
              {input}
              <Button type="text" icon={<CloseOutlined />} onClick={close} aria-label={t('globalSearch.close')} />
            </div>
            <div style={{ flex: 1, overflowY: 'auto' }}>{results}</div>
          </div>
        )}
      </>
    );
  }

  return (
    <div style={{ position: 'relative' }}>
      {input}
      {open && (
        <div
          // Keeps the focus in the input while the reader clicks a result.
          onMouseDown={(event) => event.preventDefault()}
          style={{
            position: 'absolute',
            top: 'calc(100% + 4px)',
            right: 0,
            width: 420,
            maxWidth: '90vw',
            maxHeight: '70vh',
            overflowY: 'auto',
            zIndex: 1050,
            background: token.colorBgElevated,
            borderRadius: token.borderRadiusLG,
            boxShadow: token.boxShadowSecondary,
            lineHeight: 1.5,
          }}
        >
          {results}
        </div>
      )}
    </div>
  );
};

// A record's comment thread (点评, ACT-3): the comments oldest first, a box to add one (Ctrl/Cmd+Enter sends), delete own.
import { useState } from 'react';
import type { KeyboardEvent } from 'react';
import { App, Avatar, Button, Empty, Flex, Input, List, Popconfirm, Skeleton, theme, Tooltip, Typography } from 'antd';
import { CommentOutlined, DeleteOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Comment, CommentableType } from '@openpsm/contracts';
import { useFormat } from '../../lib/format';
import { QueryErrorResult } from '../results';
import { useApiErrorHandler } from '../use-api-error-handler';
import { useAddComment, useComments, useDeleteComment } from './comments.api';

export type CommentThreadProps = {
  recordType: CommentableType;
  recordId: string;
  /** Comments already read with the record (the coaching view): shown at once, without a request per record. */
  initialComments?: Comment[];
  /** Hide the box to add a comment (a reader who may only read). */
  readOnly?: boolean;
  /** `button`: the box opens from a "write a comment" button — for pages listing many threads (the coaching view). */
  composer?: 'open' | 'button';
};

const MAX_LENGTH = 4000;

const initialOf = (name: string | undefined) => (name ? Array.from(name.trim())[0] ?? '?' : '?');

const CommentItem = ({ comment, onDelete, deleting }: { comment: Comment; onDelete: () => Promise<unknown>; deleting: boolean }) => {
  const { t } = useTranslation();
  const format = useFormat();
  const { token } = theme.useToken();
  return (
    <List.Item
      data-testid="comment-item"
      actions={
        comment.canDelete
          ? [
              <Popconfirm key="delete" title={t('comments.deleteConfirm')} okButtonProps={{ danger: true }} onConfirm={onDelete}>
                <Button size="small" type="text" danger icon={<DeleteOutlined />} loading={deleting} aria-label={t('common.delete')} data-testid="comment-delete" />
              </Popconfirm>,
            ]
          : []
      }
    >
      <List.Item.Meta
        avatar={
          <Avatar size="small" style={{ background: '#1f4e8c' }}>
            {initialOf(comment.author?.displayName)}
          </Avatar>
        }
        title={
          <Flex gap={8} align="baseline" wrap>
            <Typography.Text strong>{comment.author?.displayName ?? '—'}</Typography.Text>
            <Tooltip title={format.dateTime(comment.createdAt)}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <time dateTime={comment.createdAt}>{format.fromNow(comment.createdAt)}</time>
              </Typography.Text>
            </Tooltip>
          </Flex>
        }
        description={
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0, color: token.colorText }} data-testid="comment-body">
            {comment.body}
          </Typography.Paragraph>
        }
      />
    </List.Item>
  );
};

export const CommentThread = ({ recordType, recordId, initialComments, readOnly = false, composer = 'open' }: CommentThreadProps) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const comments = useComments(recordType, recordId, initialComments);
  const add = useAddComment(recordType, recordId);
  const remove = useDeleteComment(recordType, recordId);
  const [draft, setDraft] = useState('');
  const [deletingId, setDeletingId] = useState<string | null>(null);
  const [composerOpen, setComposerOpen] = useState(composer === 'open');

  const submit = () => {
    const body = draft.trim();
    if (!body || add.isPending) return;
    add.mutate(body, {
      onSuccess: () => {
        setDraft('');
        if (composer === 'button') setComposerOpen(false);
        void message.success(t('comments.added'));
      },
      onError: (error) => handleError(error),
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  };

  const deleteComment = (id: string) => {
    setDeletingId(id);
    return remove
      .mutateAsync(id)
      .then(() => void message.success(t('comments.deleted')), handleError)
      .finally(() => setDeletingId(null));
  };

  return (
    <Flex vertical gap={8} data-testid="comment-thread" data-record-type={recordType} data-record-id={recordId}>
      {comments.isPending ? (
        <Skeleton active avatar paragraph={{ rows: 1 }} />
      ) : comments.isError ? (
        <QueryErrorResult error={comments.error} onRetry={() => void comments.refetch()} />
      ) : comments.data.length === 0 ? (
        // A page of many threads (composer behind a button) says nothing for each empty one: the button is enough.
        composer === 'button' ? null : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('comments.empty')} style={{ margin: '8px 0' }} />
      ) : (
        <List
          size="small"
          itemLayout="horizontal"
          dataSource={comments.data}
          rowKey="id"
          renderItem={(comment) => <CommentItem comment={comment} deleting={deletingId === comment.id} onDelete={() => deleteComment(comment.id)} />}
        />
      )}
      {!readOnly && !composerOpen && (
        <Flex justify="flex-start">
          <Button size="small" icon={<CommentOutlined />} onClick={() => setComposerOpen(true)} data-testid="comment-open">
            {t('comments.write')}
          </Button>
        </Flex>
      )}
      {!readOnly && composerOpen && (
        <Flex vertical gap={8}>
          <Input.TextArea
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={onKeyDown}
            autoSize={{ minRows: 2, maxRows: 8 }}
            maxLength={MAX_LENGTH}
            autoFocus={composer === 'button'}
            placeholder={t('comments.placeholder')}
            aria-label={t('comments.add')}
            data-testid="comment-input"
          />
          <Flex justify="flex-end" gap={8}>
            {composer === 'button' && (
              <Button
                onClick={() => {
                  setComposerOpen(false);
                  setDraft('');
                }}
              >
                {t('common.cancel')}
              </Button>
            )}
            <Button type="primary" icon={<SendOutlined />} onClick={submit} loading={add.isPending} disabled={!draft.trim()} data-testid="comment-submit">
              {t('comments.add')}
            </Button>
          </Flex>
        </Flex>
      )}
    </Flex>
  );
};

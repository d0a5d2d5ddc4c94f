// A tender's documents (attachments of record type 'tender'): upload, download with the original name, soft delete.
import { App, Button, List, Popconfirm, Typography, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useFormat } from '../../lib/format';
import { documentDownloadUrl, useDeleteDocument, useTenderDocuments, useUploadDocument } from './tenders.api';

const fileSize = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

export const TenderDocuments = ({ tenderId, canEdit }: { tenderId: string; canEdit: boolean }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const handleError = useApiErrorHandler();
  const documents = useTenderDocuments(tenderId);
  const upload = useUploadDocument(tenderId);
  const remove = useDeleteDocument();
  return (
    <div data-testid="tender-documents">
      {canEdit && (
        <Upload
          showUploadList={false}
          multiple
          customRequest={({ file, onSuccess, onError }) => {
            upload.mutateAsync(file as File).then(
              (saved) => {
                void message.success(t('tenders.uploaded', { name: saved.fileName }));
                onSuccess?.(saved);
              },
              (error: Error) => {
                handleError(error);
                onError?.(error);
              },
            );
          }}
        >
          <Button size="small" icon={<UploadOutlined />} loading={upload.isPending} data-testid="tender-document-upload" title={t('tenders.uploadHelp')}>
            {t('tenders.upload')}
          </Button>
        </Upload>
      )}
      <List
        size="small"
        loading={documents.isLoading}
        dataSource={documents.data ?? []}
        locale={{ emptyText: t('tenders.noDocuments') }}
        renderItem={(document) => (
          <List.Item
            data-testid="tender-document"
            actions={
              canEdit
                ? [
                    <Popconfirm key="delete" title={t('tenders.removeDocumentConfirm', { name: document.fileName })} onConfirm={() => remove.mutateAsync(document.id).catch(handleError)}>
                      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} data-testid="tender-document-delete" />
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Typography.Link href={documentDownloadUrl(document.id)} data-testid="tender-document-download">
              <PaperClipOutlined /> {document.fileName}
            </Typography.Link>
            <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
              {fileSize(document.size)} · {document.uploadedBy?.displayName ?? ''} · {format.date(document.createdAt)}
            </Typography.Text>
          </List.Item>
        )}
      />
    </div>
  );
};

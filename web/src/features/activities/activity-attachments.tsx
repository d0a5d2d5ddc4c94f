// An activity's photos (thumbnails, tap to enlarge) and other files; the owner adds and removes them.
import { App, Button, Empty, Flex, Image, Popconfirm, Skeleton, Typography, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { attachmentUrl, isImage, useActivityAttachments, useDeleteActivityFile, useUploadActivityFile } from './activities.api';
import { shrinkPhoto } from './photo-resize';

const THUMB = 88;

export const ActivityAttachments = ({ activityId, canEdit }: { activityId: string; canEdit: boolean }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const files = useActivityAttachments(activityId);
  const upload = useUploadActivityFile(activityId);
  const remove = useDeleteActivityFile(activityId);
  if (files.isPending) return <Skeleton.Image active />;
  const items = files.data ?? [];
  const photos = items.filter(isImage);
  const others = items.filter((item) => !isImage(item));

  const removeButton = (id: string, fileName: string) =>
    canEdit && (
      <Popconfirm title={t('activities.photos.removeConfirm', { name: fileName })} okButtonProps={{ danger: true }} onConfirm={() => remove.mutateAsync(id).catch(handleError)}>
        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} data-testid="activity-attachment-delete" />
      </Popconfirm>
    );

  return (
    <Flex vertical gap={12} data-testid="activity-attachments">
      {items.length === 0 && !canEdit && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('activities.photos.none')} />}
      {photos.length > 0 && (
        <Image.PreviewGroup>
          <Flex gap={8} wrap>
            {photos.map((photo) => (
              <Flex key={photo.id} vertical align="center" gap={2} data-testid="activity-photo">
                <Image src={attachmentUrl(photo.id)} alt={photo.fileName} width={THUMB} height={THUMB} style={{ objectFit: 'cover', borderRadius: 6 }} />
                {removeButton(photo.id, photo.fileName)}
              </Flex>
            ))}
          </Flex>
        </Image.PreviewGroup>
      )}
      {others.map((file) => (
        <Flex key={file.id} align="center" gap={8} data-testid="activity-file">
          <Typography.Link href={attachmentUrl(file.id)}>
            <PaperClipOutlined /> {file.fileName}
          </Typography.Link>
          {removeButton(file.id, file.fileName)}
        </Flex>
      ))}
      {canEdit && (
        <Upload
          showUploadList={false}
          multiple
          customRequest={({ file, onSuccess, onError }) => {
            void shrinkPhoto(file as File)
              .then((shrunk) => upload.mutateAsync(shrunk))
              .then(
                (saved) => {
                  void message.success(t('activities.photos.uploaded', { name: saved.fileName }));
                  onSuccess?.(saved);
                },
                (error: Error) => {
                  handleError(error);
                  onError?.(error);
                },
              );
          }}
        >
          <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="activity-attachment-upload">
            {t('activities.photos.add')}
          </Button>
        </Upload>
      )}
    </Flex>
  );
};

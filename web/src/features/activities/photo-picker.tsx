// Photos taken while logging (ACT-1): the camera opens straight away on a phone (capture="environment"), the gallery is
// one more button; thumbnails show at once and the files go up once the activity is saved (they need its id).
import { useEffect, useRef, useState } from 'react';
import { Button, Flex, Typography } from 'antd';
import { CameraOutlined, CloseOutlined, PictureOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useIsMobile } from '../../components/use-is-mobile';

export type PendingPhoto = { key: string; file: File };

const THUMB = 72;

let photoSequence = 0;
export const toPendingPhotos = (files: FileList | File[]): PendingPhoto[] =>
  Array.from(files)
    .filter((file) => file.type === '' || file.type.startsWith('image/'))
    .map((file) => ({ key: `photo-${++photoSequence}`, file }));

/** Shows a chosen file before it is uploaded; the object URL is released when the thumbnail goes. */
const LocalThumbnail = ({ file, alt }: { file: File; alt: string }) => {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    const objectUrl = URL.createObjectURL(file);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [file]);
  return url ? (
    <img src={url} alt={alt} width={THUMB} height={THUMB} style={{ objectFit: 'cover', borderRadius: 6, display: 'block' }} />
  ) : (
    <div style={{ width: THUMB, height: THUMB, borderRadius: 6, background: 'rgba(0,0,0,0.04)' }} />
  );
};

type PhotoPickerProps = {
  photos: PendingPhoto[];
  onChange: (photos: PendingPhoto[]) => void;
  disabled?: boolean;
};

export const PhotoPicker = ({ photos, onChange, disabled }: PhotoPickerProps) => {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const cameraRef = useRef<HTMLInputElement>(null);
  const galleryRef = useRef<HTMLInputElement>(null);
  const add = (files: FileList | null) => {
    if (files && files.length > 0) onChange([...photos, ...toPendingPhotos(files)]);
  };
  return (
    <Flex vertical gap={8} data-testid="quick-log-photos">
      <input
        ref={cameraRef}
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        style={{ display: 'none' }}
        onChange={(event) => {
          add(event.target.files);
          // The same photo may be chosen again after removing it.
          event.target.value = '';
        }}
        data-testid="quick-log-photo-input"
      />
      <input
        ref={galleryRef}
        type="file"
        accept="image/*"
        multiple
        style={{ display: 'none' }}
        onChange={(event) => {
          add(event.target.files);
          event.target.value = '';
        }}
        data-testid="quick-log-gallery-input"
      />
      <Flex gap={8}>
        <Button size="large" icon={<CameraOutlined />} onClick={() => cameraRef.current?.click()} disabled={disabled} style={{ flex: 1 }} data-testid="quick-log-photo">
          {t('activities.photos.take')}
        </Button>
        {isMobile && (
          <Button size="large" icon={<PictureOutlined />} onClick={() => galleryRef.current?.click()} disabled={disabled} aria-label={t('activities.photos.gallery')} data-testid="quick-log-gallery">
            {t('activities.photos.gallery')}
          </Button>
        )}
      </Flex>
      {photos.length > 0 && (
        <Flex gap={8} wrap data-testid="quick-log-thumbnails">
          {photos.map((photo, index) => (
            <div key={photo.key} style={{ position: 'relative' }} data-testid="quick-log-thumbnail">
              <LocalThumbnail file={photo.file} alt={t('activities.photos.alt', { index: index + 1 })} />
              {!disabled && (
                <Button
                  size="small"
                  shape="circle"
                  icon={<CloseOutlined />}
                  onClick={() => onChange(photos.filter((item) => item.key !== photo.key))}
                  aria-label={t('activities.photos.remove')}
                  style={{ position: 'absolute', top: -8, right: -8 }}
                />
              )}
            </div>
          ))}
          <Typography.Text type="secondary" style={{ alignSelf: 'center', fontSize: 12 }}>
            {t('activities.photos.pending', { count: photos.length })}
          </Typography.Text>
        </Flex>
      )}
    </Flex>
  );
};

// A phone camera takes 4–12 MB photos; over a field connection that is the slow part of logging a visit. Photos are
// scaled to at most 1600 px on the long side as JPEG before the upload — plenty to read a whiteboard or a name plate.

const MAX_SIDE = 1600;
const QUALITY = 0.85;
/** Smaller files go as they are: scaling them would save little and cost quality. */
const KEEP_BELOW_BYTES = 600 * 1024;

/** The size a picture is drawn at: within `max` on the long side, never enlarged. */
export const scaledSize = (width: number, height: number, max = MAX_SIDE): { width: number; height: number } => {
  const long = Math.max(width, height);
  if (long <= max || long === 0) return { width, height };
  const ratio = max / long;
  return { width: Math.round(width * ratio), height: Math.round(height * ratio) };
};

/** `IMG_2041.HEIC` → `IMG_2041.jpg`: the server decides the type by the ending. */
export const jpegName = (name: string): string => `${name.replace(/\.[^./\\]+$/, '') || 'photo'}.jpg`;

/** The photo to upload: scaled JPEG when the browser can decode it, else the original file. */
export async function shrinkPhoto(file: File): Promise<File> {
  if (!file.type.startsWith('image/') || file.type === 'image/gif' || file.size < KEEP_BELOW_BYTES) return file;
  if (typeof createImageBitmap !== 'function') return file;
  try {
    // The EXIF orientation is applied so a portrait photo stays upright once the metadata is gone.
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    const size = scaledSize(bitmap.width, bitmap.height);
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const context = canvas.getContext('2d');
    if (!context) return file;
    context.drawImage(bitmap, 0, 0, size.width, size.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY));
    if (!blob || blob.size >= file.size) return file;
    return new File([blob], jpegName(file.name), { type: 'image/jpeg', lastModified: file.lastModified });
  } catch {
    // A format this browser cannot decode (HEIC on desktop Chrome): the server gets the original.
    return file;
  }
}

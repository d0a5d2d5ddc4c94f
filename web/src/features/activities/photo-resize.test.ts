import { describe, expect, it } from 'vitest';
import { jpegName, scaledSize } from './photo-resize';

describe('scaledSize', () => {
  it('fits the long side within the limit, keeping the proportions', () => {
    expect(scaledSize(4032, 3024)).toEqual({ width: 1600, height: 1200 });
    expect(scaledSize(3024, 4032)).toEqual({ width: 1200, height: 1600 });
  });

  it('never enlarges a small picture', () => {
    expect(scaledSize(800, 600)).toEqual({ width: 800, height: 600 });
    expect(scaledSize(0, 0)).toEqual({ width: 0, height: 0 });
  });
});

describe('jpegName', () => {
  it('replaces the ending with .jpg', () => {
    expect(jpegName('IMG_2041.HEIC')).toBe('IMG_2041.jpg');
    expect(jpegName('现场.照片.png')).toBe('现场.照片.jpg');
    expect(jpegName('photo')).toBe('photo.jpg');
    expect(jpegName('.png')).toBe('photo.jpg');
  });
});

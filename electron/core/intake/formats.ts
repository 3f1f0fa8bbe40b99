// Maps file extensions to the formats Raydocs accepts, and describes formats in words for refusals.
import type { SupportedFormat } from '../../../shared/queue';

const BY_EXTENSION: Record<string, SupportedFormat> = {
  pdf: 'pdf',
  docx: 'docx',
  doc: 'doc',
  png: 'png',
  jpg: 'jpeg',
  jpeg: 'jpeg',
  tif: 'tiff',
  tiff: 'tiff',
  pptx: 'pptx',
};

export const FORMAT_LABEL: Record<SupportedFormat, string> = {
  pdf: 'a PDF',
  docx: 'a Word document (.docx)',
  doc: 'a Word 97-2003 document (.doc)',
  png: 'a PNG image',
  jpeg: 'a JPEG image',
  tiff: 'a TIFF image',
  pptx: 'a PowerPoint presentation (.pptx)',
};

export const FORMAT_MIME: Record<SupportedFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
  png: 'image/png',
  jpeg: 'image/jpeg',
  tiff: 'image/tiff',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

/** Lower-cased extension without the dot, or '' when the name has none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

export function formatForExtension(name: string): SupportedFormat | null {
  return BY_EXTENSION[extensionOf(name)] ?? null;
}

export const SUPPORTED_EXTENSIONS = Object.keys(BY_EXTENSION);

// Open, read and close a file by its descriptor with the callback API, for the sniff's reads on the main thread (a file
// sniffed on its own, or a zip's or OLE2 file's directory): fs/promises' FileHandle costs about twice as much a call.
import { close, constants, fstat, open, read, stat, type Stats } from 'node:fs';
import type { ByteReader } from './zip-entries';

/** Never blocks on a FIFO that slipped past the type check (POSIX; Windows has no such flag). */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export function openForReading(path: string): Promise<number> {
  return new Promise((resolve, reject) => open(path, READ_FLAGS, (err, fd) => (err ? reject(err) : resolve(fd))));
}

/** Closing a descriptor only read from cannot lose anything: its error is of no use. */
export function closeQuietly(fd: number): Promise<void> {
  return new Promise((resolve) => close(fd, () => resolve()));
}

export function statPath(path: string): Promise<Stats> {
  return new Promise((resolve, reject) => stat(path, (err, st) => (err ? reject(err) : resolve(st))));
}

export function statFd(fd: number): Promise<Stats> {
  return new Promise((resolve, reject) => fstat(fd, (err, st) => (err ? reject(err) : resolve(st))));
}

/** Positioned reads of `fd`, for the zip and OLE2 readers. */
export function fdReader(fd: number): ByteReader {
  return {
    read: (buffer, offset, length, position) =>
      new Promise((resolve, reject) => read(fd, buffer, offset, length, position, (err, bytesRead) => (err ? reject(err) : resolve({ bytesRead })))),
  };
}

// Makes the whole window a drop target for files and folders, with a hover state, and hands the dropped paths on.
import { onBeforeUnmount, onMounted, ref } from 'vue';
import { pathForFile } from '../bridge';

/** Only drags that carry files light up the window (not text or links dragged around inside it). */
export function carriesFiles(e: DragEvent): boolean {
  const types = e.dataTransfer?.types;
  return !!types && Array.from(types).includes('Files');
}

/** Paths of the dropped files and folders; files without a path (e.g. dragged from a browser) are skipped. */
export function droppedPaths(files: ArrayLike<File>, toPath: (f: File) => string = pathForFile): string[] {
  const out: string[] = [];
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    if (!f) continue;
    let p = '';
    try {
      p = toPath(f);
    } catch {
      p = '';
    }
    if (p) out.push(p);
  }
  return out;
}

export function useDropZone(onPaths: (paths: string[]) => void) {
  const hovering = ref(false);
  // dragenter/dragleave fire for every child element crossed: count them to know when the drag really left.
  let depth = 0;

  function onEnter(e: DragEvent): void {
    if (!carriesFiles(e)) return;
    e.preventDefault();
    depth++;
    hovering.value = true;
  }
  function onOver(e: DragEvent): void {
    if (!carriesFiles(e)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  }
  function onLeave(e: DragEvent): void {
    if (!carriesFiles(e)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) hovering.value = false;
  }
  function onDrop(e: DragEvent): void {
    // Always prevent the default: a file dropped on the window must never navigate to it.
    e.preventDefault();
    depth = 0;
    hovering.value = false;
    const files = e.dataTransfer?.files;
    if (!files || files.length === 0) return;
    const paths = droppedPaths(files);
    if (paths.length) onPaths(paths);
  }

  onMounted(() => {
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
  });
  onBeforeUnmount(() => {
    window.removeEventListener('dragenter', onEnter);
    window.removeEventListener('dragover', onOver);
    window.removeEventListener('dragleave', onLeave);
    window.removeEventListener('drop', onDrop);
  });

  return { hovering };
}

// Makes the whole window a drop target for files and folders (with a hover state), and for a dashboard link to a session.
import { onBeforeUnmount, onMounted, ref } from 'vue';
import { sessionFromUriList } from '../../../shared/session-link';

/** Only drags that carry files light up the window (not text or links dragged around inside it). */
export function carriesFiles(e: DragEvent): boolean {
  const types = e.dataTransfer?.types;
  return !!types && Array.from(types).includes('Files');
}

/** A drag of a link (a dashboard tab's address, a link in a page): the window takes it, without the files' hover state. */
export function carriesLink(e: DragEvent): boolean {
  const types = e.dataTransfer?.types;
  return !!types && !carriesFiles(e) && Array.from(types).includes('text/uri-list');
}

/** The dropped files and folders as File objects: the page never learns or sends their paths, the preload resolves them. */
export function droppedFiles(files: ArrayLike<File>): File[] {
  const out: File[] = [];
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    if (f) out.push(f);
  }
  return out;
}

/** The session a dropped link names (shared's parser; main parses the id again when the page opens it), or null. */
export function droppedSessionLink(e: DragEvent): string | null {
  const list = e.dataTransfer?.getData('text/uri-list') ?? '';
  return list ? sessionFromUriList(list) : null;
}

export function useDropZone(onFiles: (files: File[]) => void, onSessionLink: (sessionId: string) => void = () => undefined) {
  const hovering = ref(false);
  // dragenter/dragleave fire for every child element crossed: count them to know when the drag really left.
  let depth = 0;

  function onEnter(e: DragEvent): void {
    // A link's drag must be accepted at enter and over too, or the browser never fires its drop.
    if (carriesLink(e)) e.preventDefault();
    if (!carriesFiles(e)) return;
    e.preventDefault();
    depth++;
    hovering.value = true;
  }
  function onOver(e: DragEvent): void {
    const link = carriesLink(e);
    if (!link && !carriesFiles(e)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = link ? 'link' : 'copy';
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
    if (files && files.length > 0) {
      onFiles(droppedFiles(files));
      return;
    }
    const sessionId = droppedSessionLink(e);
    if (sessionId) onSessionLink(sessionId);
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

// Sends dropped files to the queue for the current target, and asks main to pick files; asks for a target first when none is chosen.
import { inject, provide, ref, watch, type InjectionKey } from 'vue';
import { call, errorText } from '../bridge';
import { useQueueStore } from '../stores/queue-store';
import { useTargetStore } from '../stores/target-store';
import { useUiStore } from '../stores/ui-store';

export function useIntake() {
  const queue = useQueueStore();
  const target = useTargetStore();
  const ui = useUiStore();
  /** Dropped File objects waiting for a target: the page keeps the Files, never their paths. */
  const pending = ref<File[]>([]);
  const pickError = ref<string | null>(null);

  async function addFiles(files: File[]): Promise<void> {
    if (files.length === 0) return;
    const t = target.target;
    if (!t) {
      // Keep the drop and ask where it goes; it is queued as soon as a target is chosen.
      pending.value = [...pending.value, ...files];
      ui.pickingTarget = true;
      ui.announce('Choose a session for these files first.');
      return;
    }
    ui.show('queue');
    await queue.add(files, t);
  }

  /** Main shows the dialog and queues the picked files itself; only the report comes back. */
  async function pick(kind: 'files' | 'folder'): Promise<void> {
    pickError.value = null;
    const t = target.target;
    if (!t) {
      ui.pickingTarget = true;
      ui.announce('Choose a session first, then add files.');
      return;
    }
    try {
      const report = await call('dialog:pick', { kind, target: t });
      if (report) {
        ui.show('queue');
        queue.showReport(report);
      }
    } catch (err) {
      pickError.value = errorText(err);
    }
  }

  watch(
    () => target.target,
    (t) => {
      if (t && pending.value.length) {
        const files = pending.value;
        pending.value = [];
        void queue.add(files, t);
      }
    },
  );

  return { addFiles, pick, pending, pickError };
}

export type Intake = ReturnType<typeof useIntake>;
const INTAKE: InjectionKey<Intake> = Symbol('intake');

/** The app root owns the one intake (its pending drop survives view changes); views inject it. */
export function provideIntake(): Intake {
  const intake = useIntake();
  provide(INTAKE, intake);
  return intake;
}

export function injectIntake(): Intake {
  const intake = inject(INTAKE);
  if (!intake) throw new Error('provideIntake() must run in the app root');
  return intake;
}

// Sends dropped or picked paths to the queue for the current target; asks for a target first when none is chosen.
import { inject, provide, ref, watch, type InjectionKey } from 'vue';
import { call, errorText } from '../bridge';
import { useQueueStore } from '../stores/queue-store';
import { useTargetStore } from '../stores/target-store';
import { useUiStore } from '../stores/ui-store';

export function useIntake() {
  const queue = useQueueStore();
  const target = useTargetStore();
  const ui = useUiStore();
  const pending = ref<string[]>([]);
  const pickError = ref<string | null>(null);

  async function addPaths(paths: string[]): Promise<void> {
    if (paths.length === 0) return;
    const t = target.target;
    if (!t) {
      // Keep the drop and ask where it goes; it is queued as soon as a target is chosen.
      pending.value = [...pending.value, ...paths];
      ui.pickingTarget = true;
      ui.announce('Choose a session for these files first.');
      return;
    }
    ui.show('queue');
    await queue.add(paths, t);
  }

  async function pick(kind: 'files' | 'folder'): Promise<void> {
    pickError.value = null;
    try {
      const paths = await call('dialog:pick', { kind });
      await addPaths(paths);
    } catch (err) {
      pickError.value = errorText(err);
    }
  }

  watch(
    () => target.target,
    (t) => {
      if (t && pending.value.length) {
        const paths = pending.value;
        pending.value = [];
        void queue.add(paths, t);
      }
    },
  );

  return { addPaths, pick, pending, pickError };
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

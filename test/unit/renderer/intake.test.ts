// Intake: drops (File objects, never paths) before a target wait for one; the file dialog is main's, which queues what was picked.
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { setBridge } from '../../../renderer/src/bridge';
import { provideIntake, type Intake } from '../../../renderer/src/composables/use-intake';
import { useQueueStore } from '../../../renderer/src/stores/queue-store';
import { useTargetStore } from '../../../renderer/src/stores/target-store';
import { useUiStore } from '../../../renderer/src/stores/ui-store';
import { createFakeBridge, type FakeBridge } from './fake-bridge';

let fake: FakeBridge;
let pinia: ReturnType<typeof createPinia>;
beforeEach(() => {
  fake = createFakeBridge();
  setBridge(fake.bridge);
  pinia = createPinia();
  setActivePinia(pinia);
});
afterEach(() => setBridge(null));

function mountIntake(): Intake {
  let intake: Intake | null = null;
  mount(defineComponent({ setup: () => ((intake = provideIntake()), () => h('div')) }), { global: { plugins: [pinia] } });
  return intake!;
}

const S1 = '51515151-5151-4151-8151-515151515151';
const target = { kind: 'session', workspaceId: 1, sessionId: S1, sessionName: 'Invoices' };

describe('intake', () => {
  it('keeps a drop made before any target, asks for one, and queues the dropped Files once chosen', async () => {
    const intake = mountIntake();
    const files = [new File(['%PDF-'], 'a.pdf'), new File(['%PDF-'], 'b.pdf')];
    await intake.addFiles(files);
    expect(useUiStore().pickingTarget).toBe(true);
    expect(intake.pending.value).toEqual(files);
    expect(fake.callsTo('queue:add')).toEqual([]);

    useTargetStore().selectSession({ id: S1, name: 'Invoices', workspaceId: 1 });
    await flushPromises();
    expect(fake.callsTo('queue:add')).toEqual([{ files, target }]);
    expect(intake.pending.value).toEqual([]);
  });
  it('"Add files…" asks main to pick and queue for the target; the window gets the report, never the paths', async () => {
    fake.handle('dialog:pick', () => ({ batchId: 'picked', accepted: 1, duplicates: 0, skipped: 0, refused: [] }));
    useTargetStore().selectSession({ id: S1, name: 'Invoices', workspaceId: 1 });
    const intake = mountIntake();
    await intake.pick('files');
    expect(fake.callsTo('dialog:pick')).toEqual([{ kind: 'files', target }]);
    expect(fake.callsTo('queue:add')).toEqual([]);
    expect(useQueueStore().report).toMatchObject({ batchId: 'picked', accepted: 1 });
  });
  it('a cancelled dialog queues nothing and shows no report', async () => {
    fake.handle('dialog:pick', () => null);
    useTargetStore().selectSession({ id: S1, name: 'Invoices', workspaceId: 1 });
    const intake = mountIntake();
    await intake.pick('folder');
    expect(fake.callsTo('queue:add')).toEqual([]);
    expect(useQueueStore().report).toBeNull();
  });
  it('without a target, "Add files…" asks for a session first and opens no dialog', async () => {
    const intake = mountIntake();
    await intake.pick('files');
    expect(useUiStore().pickingTarget).toBe(true);
    expect(fake.callsTo('dialog:pick')).toEqual([]);
  });
});

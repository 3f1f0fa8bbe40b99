// Intake: drops before a target wait for one; the file dialog goes through dialog:pick.
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { setBridge } from '../../../renderer/src/bridge';
import { provideIntake, type Intake } from '../../../renderer/src/composables/use-intake';
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

describe('intake', () => {
  it('keeps a drop made before any target, asks for one, and queues it once chosen', async () => {
    const intake = mountIntake();
    await intake.addPaths(['/a.pdf', '/b.pdf']);
    expect(useUiStore().pickingTarget).toBe(true);
    expect(intake.pending.value).toEqual(['/a.pdf', '/b.pdf']);
    expect(fake.callsTo('queue:add')).toEqual([]);

    useTargetStore().selectSession({ id: 's1', name: 'Invoices', workspaceId: 1 });
    await flushPromises();
    expect(fake.callsTo('queue:add')).toEqual([
      { paths: ['/a.pdf', '/b.pdf'], target: { kind: 'session', workspaceId: 1, sessionId: 's1', sessionName: 'Invoices' } },
    ]);
    expect(intake.pending.value).toEqual([]);
  });
  it('"Add files…" asks main for a dialog and queues what was picked', async () => {
    fake.handle('dialog:pick', () => ['/picked.docx']);
    useTargetStore().selectSession({ id: 's1', name: 'Invoices', workspaceId: 1 });
    const intake = mountIntake();
    await intake.pick('files');
    expect(fake.callsTo('dialog:pick')).toEqual([{ kind: 'files' }]);
    expect(fake.callsTo('queue:add')).toHaveLength(1);
  });
  it('a cancelled dialog queues nothing', async () => {
    fake.handle('dialog:pick', () => []);
    useTargetStore().selectSession({ id: 's1', name: 'Invoices', workspaceId: 1 });
    const intake = mountIntake();
    await intake.pick('folder');
    expect(fake.callsTo('queue:add')).toEqual([]);
  });
});

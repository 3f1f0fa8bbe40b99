// One shared clock ticking every second, for countdowns ("retrying in 5 s") that must move while nothing else changes.
import { onBeforeUnmount, ref, type Ref } from 'vue';

const now = ref(Date.now());
let users = 0;
let timer: ReturnType<typeof setInterval> | null = null;

/** Subscribes the calling component to the clock; the interval runs only while someone uses it. */
export function useClock(): Readonly<Ref<number>> {
  users++;
  if (!timer) {
    now.value = Date.now();
    timer = setInterval(() => (now.value = Date.now()), 1000);
  }
  onBeforeUnmount(() => {
    users--;
    if (users === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  });
  return now;
}

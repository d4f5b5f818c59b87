/**
 * A wake-up for a polling loop: wait(ms) resolves on fire() or after ms, whichever comes
 * first. A fire() while nobody waits is remembered, so a notification that arrives between a
 * claim and the next wait is not lost.
 */
export class WakeSignal {
  private pending = false;
  private resolveWaiter: (() => void) | undefined;

  fire(): void {
    if (this.resolveWaiter) {
      const resolve = this.resolveWaiter;
      this.resolveWaiter = undefined;
      resolve();
    } else {
      this.pending = true;
    }
  }

  async wait(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.resolveWaiter = undefined;
        resolve();
      }, ms);
      this.resolveWaiter = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

/** A real-time pause that does not keep the process alive (shutdown timeouts, not business time). */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

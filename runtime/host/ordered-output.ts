// Writes the lines the threads print in the order they were printed: every line carries a
// sequence number from one shared counter, and chunks arrive from each thread on its own
// channel, so a chunk waits here until all lines before it have been written.
import type { OutputChunk } from "./protocol.js";

export class OrderedOutput {
  private next = 0;
  private readonly waiting = new Map<number, OutputChunk>();
  private waiters: { sequence: number; resolve: () => void }[] = [];

  constructor(private readonly write: (text: string) => void) {}

  add(chunks: readonly OutputChunk[]): void {
    for (const chunk of chunks) this.waiting.set(chunk.first, chunk);
    for (let chunk = this.waiting.get(this.next); chunk !== undefined; chunk = this.waiting.get(this.next)) {
      this.waiting.delete(this.next);
      this.next += chunk.count;
      this.write(chunk.text);
    }
    this.wake();
  }

  /** Resolves once every line numbered below `sequence` has been written (or drain() ran). */
  written(sequence: number): Promise<void> {
    if (this.next >= sequence) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ sequence, resolve }));
  }

  /** Resolves the waiters that may go, in the order they came (calls resolve in order). */
  private wake(all = false): void {
    const goes = (w: { sequence: number }) => all || this.next >= w.sequence;
    const ready = this.waiters.filter(goes);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => !goes(w));
    for (const w of ready) w.resolve();
  }

  /** Writes what is left, in order, skipping lines that never arrived (a thread was stopped). */
  drain(): void {
    for (const first of [...this.waiting.keys()].sort((a, b) => a - b)) this.write(this.waiting.get(first)!.text);
    this.waiting.clear();
    this.wake(true);
  }
}

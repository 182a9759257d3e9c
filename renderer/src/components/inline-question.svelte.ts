import { tick } from 'svelte';

/**
 * The keyboard side of an inline question (ConfirmAction, ConfirmDelete): it behaves as a small dialog. Opening it
 * replaces the button that asked, so focus would be lost; the question's safe answer takes it (`focusOnMount`), and
 * closing — its Keep answer or Escape — gives it back to that button, rendered again.
 */
export class InlineQuestion {
  asking = $state(false);
  /** The button that opens the question (`bind:this`). */
  opener = $state<HTMLButtonElement>();

  open(): void {
    this.asking = true;
  }

  async close(): Promise<void> {
    this.asking = false;
    await tick();
    this.opener?.focus();
  }

  /** The question's keydown: Escape closes it, unless it is `locked` (an answer being carried out). */
  keydown(event: KeyboardEvent, locked = false): void {
    if (event.key !== 'Escape' || locked) return;
    event.preventDefault();
    void this.close();
  }
}

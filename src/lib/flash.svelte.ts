export type FlashLink = { href: string; label: string };

/** How soon after `show` a navigation still belongs to the message (show, then goto to the page it is about). */
const CARRY_MS = 1500;

/**
 * A one-line confirmation ("Approved Anna Weber · View advocate"). It survives the navigation that follows
 * it at once, and goes at the next one: a message about the Users page must not greet you on Review.
 */
export class Flash {
  message = $state<string | null>(null);
  link = $state<FlashLink | null>(null);
  #timer: ReturnType<typeof setTimeout> | null = null;
  #shownAt = 0;

  show(message: string, link: FlashLink | null = null, ms = 8000): void {
    this.message = message;
    this.link = link;
    this.#shownAt = Date.now();
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.clear(), ms);
  }

  /** Call after every navigation. */
  navigated(): void {
    if (this.message && Date.now() - this.#shownAt > CARRY_MS) this.clear();
  }

  clear(): void {
    this.message = null;
    this.link = null;
  }
}

export const flash = new Flash();

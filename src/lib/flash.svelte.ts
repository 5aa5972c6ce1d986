export type FlashLink = { href: string; label: string };

/** A one-line confirmation shown after a navigation ("Approved Anna Weber · View advocate"). */
export class Flash {
  message = $state<string | null>(null);
  link = $state<FlashLink | null>(null);
  #timer: ReturnType<typeof setTimeout> | null = null;

  show(message: string, link: FlashLink | null = null, ms = 8000): void {
    this.message = message;
    this.link = link;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.clear(), ms);
  }

  clear(): void {
    this.message = null;
    this.link = null;
  }
}

export const flash = new Flash();

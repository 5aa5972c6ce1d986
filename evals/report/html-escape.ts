const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Everything from a dataset, a model or a file name goes through this before it reaches the page. */
export const esc = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (ch) => ENTITIES[ch]);

/** Values as readable JSON inside <pre>, escaped. */
export const json = (value: unknown): string => esc(JSON.stringify(value, null, 2));

import { tick } from 'svelte';
import type { z } from 'zod';
import { messageOf } from '$lib/api';
import { apiFieldErrors, focusFirstInvalid, zodFieldErrors, type FieldErrors } from '$lib/forms';

/**
 * The state every form in the app shares: check the values with the shared zod schema before sending, then
 * send; field messages go next to their fields with focus on the first, and a refusal that names no field
 * becomes the form's message. One place, so all forms behave alike for keyboard and screen-reader users.
 */
export class SchemaForm<S extends z.ZodType> {
  errors = $state<FieldErrors>({});
  error = $state<string | null>(null);
  busy = $state(false);
  element = $state<HTMLFormElement>();
  readonly #schema: S;

  constructor(schema: S) {
    this.#schema = schema;
  }

  /**
   * Validates `values`; when valid, runs `action` (busy meanwhile). `check` adds client-only rules the
   * schema cannot state (e.g. two passwords that must agree). `onError` runs after a refusal is shown.
   * Returns whether the action ran and succeeded.
   */
  async submit(
    values: unknown,
    action: (data: z.output<S>) => Promise<void>,
    opts: { check?: (errors: FieldErrors) => void; onError?: (err: unknown) => void } = {},
  ): Promise<boolean> {
    this.error = null;
    const parsed = this.#schema.safeParse(values);
    const errors = parsed.success ? {} : zodFieldErrors(parsed.error);
    opts.check?.(errors);
    this.errors = errors;
    if (!parsed.success || Object.keys(errors).length > 0) {
      await tick();
      focusFirstInvalid(this.element);
      return false;
    }
    this.busy = true;
    try {
      await action(parsed.data);
      return true;
    } catch (err) {
      this.errors = apiFieldErrors(err);
      this.error = Object.keys(this.errors).length > 0 ? null : messageOf(err);
      await tick();
      focusFirstInvalid(this.element);
      opts.onError?.(err);
      return false;
    } finally {
      this.busy = false;
    }
  }
}

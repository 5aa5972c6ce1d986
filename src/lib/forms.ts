import type { z } from 'zod';
import { ApiError, type FieldIssue } from '$lib/api';

export type FieldErrors = Record<string, string>;

/** First message per top-level field, from a zod safeParse failure (client-side check with the shared schema). */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    const top = key.split('.')[0];
    out[key] ??= issue.message;
    out[top] ??= issue.message;
  }
  return out;
}

/** Field messages from a 400 answer (paths like "email" or "body.email"). */
export function apiFieldErrors(err: unknown): FieldErrors {
  const out: FieldErrors = {};
  if (!(err instanceof ApiError)) return out;
  for (const issue of err.issues as FieldIssue[]) {
    const key = issue.path.replace(/^body[./]/, '').replace(/\//g, '.');
    out[key] ??= issue.message;
    out[key.split('.')[0]] ??= issue.message;
  }
  return out;
}

/** Move focus to the first invalid field so keyboard and screen-reader users land on the problem. */
export function focusFirstInvalid(form: HTMLElement | null | undefined): void {
  queueMicrotask(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}

import type { z } from 'zod';

/** zod issues as lines a person can act on: "  gate.fieldF1.tolerance: Too small: expected number to be >=0". */
export function issueLines(error: z.ZodError, indent = '  '): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).join('.') || '(top level)';
      return `${indent}${path}: ${issue.message}`;
    })
    .join('\n');
}

/**
 * Where the eval writes: results and the report to stdout (scripts may capture it), progress and problems
 * to stderr. One object so tests and the action never call console directly.
 */
export interface Logger {
  info(message: string): void;
  progress(message: string): void;
  error(message: string): void;
}

export const consoleLogger: Logger = {
  info: (message) => process.stdout.write(`${message}\n`),
  progress: (message) => process.stderr.write(`${message}\n`),
  error: (message) => process.stderr.write(`${message}\n`),
};

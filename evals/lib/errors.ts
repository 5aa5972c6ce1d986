/**
 * A problem with what the eval was asked to do — arguments, config, dataset, baseline file, an Ollama that
 * is not there — as opposed to a measured regression. The CLI exits 2 with its message.
 */
export class UsageError extends Error {
  override name = 'UsageError';
}

// Entry point. LanceDB's Rust core reads LANCEDB_LOG when it loads, so set the default before importing it.
process.env.LANCEDB_LOG ??= 'error';

const { main } = await import('./start.js');
main().catch((err: unknown) => {
  console.error('[vouch] failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
export {};

// Lambda's on-demand prices, x86, us-east-1, first tier (reference: lambda-logs.md).
export const PRICE_PER_REQUEST = 0.20 / 1e6;
export const PRICE_PER_GB_SECOND = 0.0000166667;
/** The memory sizes Lambda offers: 128 MB to 10,240 MB in 1 MB steps. */
export const MIN_MEMORY_MB = 128;

/**
 * Cost of invocations: requests plus GB-seconds, where a GB-second is
 * memory MB / 1024 x billed ms / 1000 (memory as Lambda configures it, in MB).
 * `billedMbMs` is the sum over invocations of memory size (MB) x billed duration (ms).
 */
export function cost(invocations, billedMbMs) {
  const gbSeconds = billedMbMs / 1024 / 1000;
  const requests = invocations * PRICE_PER_REQUEST;
  const compute = gbSeconds * PRICE_PER_GB_SECOND;
  return { requests, compute, gbSeconds, total: requests + compute };
}

/**
 * A right-sizing suggestion when the peak memory used stays far below the memory size:
 * the smallest size keeping 30% headroom over the peak, rounded up to 64 MB (never below
 * 128 MB). Null when the function is already sized within that. The saving assumes the
 * billed duration stays the same at the smaller size (CPU scales with memory, so check the
 * duration after changing it).
 */
export function rightSize(memorySizeMb, maxUsedMb, computeCost, rangeDays) {
  if (!memorySizeMb || !maxUsedMb || !rangeDays) return null;
  const suggested = Math.max(MIN_MEMORY_MB, Math.ceil((maxUsedMb * 1.3) / 64) * 64);
  if (suggested >= memorySizeMb || maxUsedMb > memorySizeMb * 0.5) return null;
  const saved = computeCost * (1 - suggested / memorySizeMb);
  return { suggested, monthlySaving: (saved / rangeDays) * 30 };
}

/**
 * Benchmark harnesses that compare fnlens with the engines users would run instead, in the
 * same run ({@code docs/benchmarks.md}). {@link dev.fnlens.bench.BenchMain} is the command line.
 */
package dev.fnlens.bench;

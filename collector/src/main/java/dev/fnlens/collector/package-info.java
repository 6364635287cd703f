/**
 * The fnlens collector as a library: {@link dev.fnlens.collector.Collector#start} with a
 * {@link dev.fnlens.collector.CollectorConfig}, or {@link dev.fnlens.collector.CollectorMain}
 * from the command line. Everything in sub-packages except {@code event} is internal.
 */
package dev.fnlens.collector;

/** What the collector's background threads share: surviving what their work throws. */
package dev.fnlens.collector.background;

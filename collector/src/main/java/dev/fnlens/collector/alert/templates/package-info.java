/**
 * Internal. Built-in rules for common Lambda problems, enabled with a few parameters.
 */
package dev.fnlens.collector.alert.templates;

/**
 * Internal. The rule format (the config file's {@code alerts} section and the API's JSON) and its checks.
 */
package dev.fnlens.collector.alert.rule;

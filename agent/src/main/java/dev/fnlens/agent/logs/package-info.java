/**
 * Internal: the function's log output as log records. A tee on {@code System.out}/{@code System.err},
 * hooks around logging frameworks' appenders and LambdaLogger, a bounded queue.
 */
package dev.fnlens.agent.logs;

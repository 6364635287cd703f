/** How fast the web UI's pages draw over a large data set, in Debian's chromium driven by Playwright. */
package dev.fnlens.bench.ui;

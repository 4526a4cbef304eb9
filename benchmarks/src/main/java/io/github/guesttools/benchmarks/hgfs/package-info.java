/**
 * JMH benchmarks of HGFS downloads, uploads and archive streaming beside plain file and tar baselines.
 * Figures: docs/PERFORMANCE.md.
 */
package io.github.guesttools.benchmarks.hgfs;

/**
 * JMH benchmarks of the backdoor transport and the message channel, against the in-process simulator.
 * Figures: docs/PERFORMANCE.md.
 */
package io.github.guesttools.benchmarks.backdoor;

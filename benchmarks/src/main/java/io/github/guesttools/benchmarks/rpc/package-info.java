/**
 * JMH benchmarks of the TCLO poll loop and RPCI round trips against the simulator. Figures:
 * docs/PERFORMANCE.md.
 */
package io.github.guesttools.benchmarks.rpc;

/**
 * JMH benchmarks of VIX guest operations through the agent's dispatcher. Figures: docs/PERFORMANCE.md.
 */
package io.github.guesttools.benchmarks.toolbox;

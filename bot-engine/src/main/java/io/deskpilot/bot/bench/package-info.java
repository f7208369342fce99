/** The benchmark harness behind docs/BENCHMARKS.md: synthetic tickets, indexing throughput, query latency, heap. */
@NullMarked
package io.deskpilot.bot.bench;

import org.jspecify.annotations.NullMarked;

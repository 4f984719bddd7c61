/** Energy and latency estimation: cited per-event profiles, and pricing of recorded counters with them after a run. */
package dev.myelin.chip.energy;

/** Per-tick time of a chip: cycle mode (cores plus the cycle-simulated mesh) and the analytic simple mode. */
package dev.myelin.chip.timing;

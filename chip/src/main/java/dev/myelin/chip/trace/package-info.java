/** Recording a run and writing what users parse: gem5-style stats with a JSON twin and config dump, per-tick CSV, spike and probe CSV, VCD. */
package dev.myelin.chip.trace;

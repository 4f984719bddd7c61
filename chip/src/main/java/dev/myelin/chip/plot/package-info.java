/** PNG pictures of a run (XChart, headless): spike raster, membrane potentials (a panel per probed neuron, in mV where the binary gives the scale), mesh activity and per-direction link traffic heatmaps, latency histogram. */
package dev.myelin.chip.plot;

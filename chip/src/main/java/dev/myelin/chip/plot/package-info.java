/** PNG pictures of a run (XChart, headless): spike raster, membrane traces, mesh activity and link traffic heatmaps, latency histogram. */
package dev.myelin.chip.plot;

/** The mesh and timing model on whole networks: same spikes as direct delivery, and how cycle and simple timing differ. */
package dev.myelin.tests.timing;

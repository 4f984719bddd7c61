/** JMH benchmarks of the emulator, run only under the bench profile. */
package dev.myelin.tests.bench;

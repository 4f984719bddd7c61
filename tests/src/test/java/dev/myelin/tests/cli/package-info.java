/** End-to-end tests of the command line with every module on the class path (demo, run of a description). */
package dev.myelin.tests.cli;

/** End-to-end tests of the command line with every module on the class path (demo, run of a description, the commands docs/guide.md and README.md print). */
package dev.myelin.tests.cli;

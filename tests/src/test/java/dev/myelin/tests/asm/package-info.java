/** End-to-end checks of hand-written listings: assembled, loaded on the emulated chip and run. */
package dev.myelin.tests.asm;

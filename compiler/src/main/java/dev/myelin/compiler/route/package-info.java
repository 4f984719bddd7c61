/** Allocating axons, axon types, delays and targets for placed slices. */
package dev.myelin.compiler.route;

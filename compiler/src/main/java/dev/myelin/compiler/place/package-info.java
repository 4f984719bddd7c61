/** Placing slices on the mesh to minimise traffic-weighted hop count. */
package dev.myelin.compiler.place;

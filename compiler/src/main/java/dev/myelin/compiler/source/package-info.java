/** Reading network descriptions: YAML with source marks, physical units, CSV and .npy data files. */
package dev.myelin.compiler.source;

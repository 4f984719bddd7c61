/** The passes from IR to the datapath: validate, expand connectivity, lower neuron models to fixed point, quantise synapses, estimate rates. */
package dev.myelin.compiler.lower;

; Golden case c3_bias_driven of the Loihi reference traces (golden/README.md), written by hand from cases.json:
; two bias-only perfect integrators (du = dv = 0, threshold 100 << 6), biases 37 << 4 = 592
; and 40 << 4 = 640; the one input has zero weights, so it stores no synapse.
.arch loihi

.core 0 0 0
.decay lava
.axons 1
.format 0 bits=8 exp=0 sign=excitatory
n0: du=0 dv=0 vth=100 bias_mant=37 bias_exp=4
n1: du=0 dv=0 vth=100 bias_mant=40 bias_exp=4

.input in
  0: core 0 0 0 axon 0
.output out
  0: core 0 0 0 neuron 0
  1: core 0 0 0 neuron 1

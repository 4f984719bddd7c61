; Golden case c1_subthreshold of the Loihi reference traces (golden/README.md), written by hand from cases.json:
; one CUBA neuron (du 410, dv 205, threshold 1600 << 6), two excitatory inputs of weight
; 40 and 25 (8 weight bits, exponent 0). Lava's input raster enters on port "in".
.arch loihi

.core 0 0 0
.decay lava
.format 0 bits=8 exp=0 sign=excitatory
a0: type=0 n0:+40
a1: type=0 n0:+25
n0: du=410 dv=205 vth=1600

.input in
  0: core 0 0 0 axon 0
  1: core 0 0 0 axon 1
.output out
  0: core 0 0 0 neuron 0

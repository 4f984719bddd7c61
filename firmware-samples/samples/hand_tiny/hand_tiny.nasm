; hand_tiny: a relay and a leaky integrator on the tiny preset, written by hand.
; A spike on input port "in" makes the relay (core 0,0) fire in the same tick; the relay's
; target delivers it to the integrator (core 1,0) three ticks later. The integrator needs
; two such spikes close together to reach its threshold; its spikes leave on port "out".
; README.md derives every spike tick from the TrueNorth neuron equations.
.arch tiny

.core 0 0 0               ; the relay
a0: type=0 1              ; axon 0 (type 0) reaches neuron 0
n0: s=+1,0,0,0 alpha=1 -> (+1,0) axon 0 delay 3
                          ; V += 1 reaches alpha = 1: fires in every tick its axon is active,
                          ; resets to R = 0; its spike is due on axon 0 of core (1,0), 3 ticks later

.core 1 0 0               ; the leaky integrator
a0: type=0 1              ; axon 0 (type 0) reaches neuron 0
n0: s=+8,0,0,0 lambda=-1 eps=1 alpha=12
                          ; each input adds 8; leak reversal (eps=1) turns lambda=-1 into one
                          ; step towards 0 per tick; fires when V >= 12, then resets to R = 0

.input in
  0: core 0 0 0 axon 0
.output out
  0: core 1 0 0 neuron 0
.symbol relay size=1
  core 0 0 0 neuron=0 count=1 pop=0
.symbol integrator size=1
  core 1 0 0 neuron=0 count=1 pop=0

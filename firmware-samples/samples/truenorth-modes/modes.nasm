; truenorth-modes: one TrueNorth core on the tiny preset, eight neurons, no inputs. Each neuron
; shows one mode of the neuron equations (docs/reference/truenorth.md): the leak lambda is its
; only drive. README.md derives every spike and potential.
.arch tiny

.core 0 0 0
n0: lambda=2 alpha=10                       ; tonic: +2 a tick, fires every 5 ticks, V = R = 0
n1: lambda=3 alpha=5                        ; normal reset: +3 a tick, fires at 6, V = 0: every 2nd tick
n2: lambda=3 alpha=5 gamma=1                ; linear reset: V -= alpha keeps the remainder: 3 spikes in 5 ticks
n3: lambda=-3 alpha=100 beta=7 R=2          ; negative threshold, kappa=0: below -7, V = -R = -2
n4: lambda=-3 alpha=100 beta=7 kappa=1      ; negative threshold, kappa=1: saturates at -beta = -7
n5: lambda=-1 eps=1 alpha=100 v0=5          ; leak reversal, lambda < 0: one step towards 0 a tick, then rests
n6: lambda=1 eps=1 alpha=4 v0=1             ; leak reversal, lambda > 0: away from 0, fires once, rests at 0
n7: lambda=32 c=1 alpha=1                   ; stochastic leak: +1 when rho <= 32 (p = 33/256), then fires

.symbol tonic size=1
  core 0 0 0 neuron=0 count=1 pop=0
.symbol normal size=1
  core 0 0 0 neuron=1 count=1 pop=0
.symbol linear size=1
  core 0 0 0 neuron=2 count=1 pop=0
.symbol neg_reset size=1
  core 0 0 0 neuron=3 count=1 pop=0
.symbol neg_saturate size=1
  core 0 0 0 neuron=4 count=1 pop=0
.symbol toward_zero size=1
  core 0 0 0 neuron=5 count=1 pop=0
.symbol away_from_zero size=1
  core 0 0 0 neuron=6 count=1 pop=0
.symbol stochastic size=1
  core 0 0 0 neuron=7 count=1 pop=0

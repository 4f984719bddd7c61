#!/usr/bin/python3
"""The CUBA benchmark network (Brette et al. 2007, Benchmark 2; docs/reference/cuba.md) in
Brian2, timed, as the point of comparison for firmware-samples/samples/cuba_full.

The network is the benchmark's own definition: 4,000 LIF neurons (3,200 excitatory, 800
inhibitory), every ordered pair connected with p = 0.02, two exponential synaptic currents
(tau_e 5 ms, tau_i 10 ms), a 5 ms refractory period during which v is held at the reset, and
v drawn uniformly from [V_r, V_t). Linear equations, so Brian2 integrates them exactly.

Modes:
  standalone  cpp_standalone: Brian2 writes a C++ project, compiles it with g++ and runs it
              as a separate process. Printed: code generation, compilation, the process
              (connectivity + run + writing results), and Brian2's own timing of the
              simulation loop; --repeat runs the compiled binary again that many times.
  runtime     the default runtime device (Cython code objects driven from Python), for
              reference; the first run includes compiling the code objects unless cached.

Example (10 s of model time at both steps, three repetitions of each binary):
    /usr/bin/python3 tests/scripts/brian2_cuba.py --mode standalone --dt 1 0.1 --duration 10 --repeat 3
"""
import argparse
import resource
import shutil
import sys
import tempfile
import time
import warnings

warnings.filterwarnings("ignore", category=FutureWarning)  # numpy deprecations raised by Debian's pythran on import
T_START = time.perf_counter()


def build_network(b2, dt_ms, duration_s, seed, record, refractory_ms):
    """Creates the network in the current device's magic network; returns (group, monitor)."""
    ms, mV = b2.ms, b2.mV
    b2.defaultclock.dt = dt_ms * ms
    b2.seed(seed)
    taum, taue, taui = 20 * ms, 5 * ms, 10 * ms
    El, Vt, Vr = -49 * mV, -50 * mV, -60 * mV
    we, wi = 1.62 * mV, -9 * mV
    eqs = """
    dv/dt  = (ge + gi - (v - El)) / taum : volt (unless refractory)
    dge/dt = -ge / taue : volt
    dgi/dt = -gi / taui : volt
    """
    g = b2.NeuronGroup(4000, eqs, threshold="v > Vt", reset="v = Vr",
                       refractory=refractory_ms * ms, method="exact",
                       namespace=dict(El=El, Vt=Vt, Vr=Vr, taum=taum, taue=taue, taui=taui))
    g.v = "Vr + rand() * (Vt - Vr)"
    g.ge = 0 * mV
    g.gi = 0 * mV
    exc, inh = g[:3200], g[3200:]
    se = b2.Synapses(exc, g, on_pre="ge += we", namespace=dict(we=we))
    si = b2.Synapses(inh, g, on_pre="gi += wi", namespace=dict(wi=wi))
    se.connect(p=0.02)
    si.connect(p=0.02)
    mon = b2.SpikeMonitor(g, record=record)
    b2.run(duration_s * b2.second)
    return g, mon


def stats(mon, duration_s):
    """(spikes, mean rate in Hz) of all 4,000 neurons."""
    n = int(mon.num_spikes)
    return n, n / 4000.0 / duration_s


def isi_cv(mon):
    """Mean over neurons (with >= 3 spikes) of the ISI coefficient of variation."""
    import numpy as np
    cvs = []
    for t in mon.spike_trains().values():
        if len(t) >= 3:
            isi = np.diff(np.asarray(t))
            cvs.append(isi.std() / isi.mean())
    return float(np.mean(cvs)) if cvs else float("nan")


def write_spikes(mon, dt_ms, path):
    """tick,population,index rows, as `myelin run --spikes` writes them (tick = time / dt)."""
    import numpy as np
    ticks = np.rint(np.asarray(mon.t_) / (dt_ms * 1e-3)).astype(int)
    idx = np.asarray(mon.i)
    with open(path, "w") as f:
        f.write("tick,population,index\n")
        for t, i in zip(ticks, idx):
            f.write("%d,%s,%d\n" % (t, "exc" if i < 3200 else "inh", i if i < 3200 else i - 3200))


def standalone(args, dt_ms):
    import brian2 as b2
    from brian2 import device
    workdir = args.dir or tempfile.mkdtemp(prefix="brian2_cuba_")
    b2.set_device("cpp_standalone", directory=workdir, build_on_run=False)
    b2.prefs.devices.cpp_standalone.openmp_threads = args.threads
    t0 = time.perf_counter()
    g, mon = build_network(b2, dt_ms, args.duration, args.seed, args.spikes is not None or args.cv,
                           args.refractory)
    device.build(directory=workdir, compile=False, run=False)
    t1 = time.perf_counter()
    device.compile_source(workdir, "g++", False, False)
    t2 = time.perf_counter()
    runs = []
    for _ in range(args.repeat):
        c = resource.getrusage(resource.RUSAGE_CHILDREN)
        s = time.perf_counter()
        device.run(workdir, with_output=False, run_args=[])
        e = time.perf_counter()
        d = resource.getrusage(resource.RUSAGE_CHILDREN)
        runs.append((e - s, device._last_run_time, d.ru_utime - c.ru_utime + d.ru_stime - c.ru_stime))
    spikes, rate = stats(mon, args.duration)
    print("brian2 %s cpp_standalone dt %g ms, %g s of model time, %d thread(s), in %s" % (
        b2.__version__, dt_ms, args.duration, max(1, args.threads), workdir))
    print("  code generation   %8.3f s" % (t1 - t0))
    print("  compilation       %8.3f s" % (t2 - t1))
    for k, (proc, loop, cpu) in enumerate(runs):
        print("  run %-2d  process %8.3f s (cpu %6.3f s)   loop %8.3f s   real-time factor %7.1fx (loop) %7.1fx (process)" % (
            k + 1, proc, cpu, loop, args.duration / loop, args.duration / proc))
    print("  spikes %d, mean rate %.3f Hz" % (spikes, rate))
    if args.cv:
        print("  ISI CV %.3f" % isi_cv(mon))
    if args.spikes:
        write_spikes(mon, dt_ms, args.spikes.replace("{dt}", "%g" % dt_ms))
    device.reinit()
    device.activate()
    if not args.dir and not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)


def runtime(args, dt_ms):
    import brian2 as b2
    b2.prefs.codegen.target = args.target
    t0 = time.perf_counter()
    b2.start_scope()
    g, mon = build_network(b2, dt_ms, args.duration, args.seed, args.spikes is not None or args.cv,
                           args.refractory)
    t1 = time.perf_counter()
    loop = b2.get_device()._last_run_time  # the loop alone: Network.run starts its clock after before_run
    spikes, rate = stats(mon, args.duration)
    print("brian2 %s runtime (%s) dt %g ms, %g s of model time" % (b2.__version__, args.target, dt_ms, args.duration))
    print("  set-up + code generation + run %8.3f s   loop %8.3f s   real-time factor %7.1fx (loop)" % (
        t1 - t0, loop, args.duration / loop))
    print("  spikes %d, mean rate %.3f Hz" % (spikes, rate))
    if args.cv:
        print("  ISI CV %.3f" % isi_cv(mon))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mode", choices=["standalone", "runtime"], default="standalone")
    ap.add_argument("--dt", type=float, nargs="+", default=[1.0, 0.1], help="time steps in ms (default 1 0.1)")
    ap.add_argument("--duration", type=float, default=10.0, help="model time in s (default 10)")
    ap.add_argument("--repeat", type=int, default=1, help="standalone: runs of each compiled binary")
    ap.add_argument("--threads", type=int, default=0, help="standalone: OpenMP threads (0: none, the default)")
    ap.add_argument("--target", default="cython", help="runtime: code generation target (cython, numpy)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--refractory", type=float, default=5.0, help="refractory period in ms (benchmark: 5)")
    ap.add_argument("--cv", action="store_true", help="record spikes and print the mean ISI CV")
    ap.add_argument("--spikes", help="write the spikes as CSV tick,population,index ({dt} is replaced by the step)")
    ap.add_argument("--dir", help="standalone: project directory (default: a temporary one, removed)")
    ap.add_argument("--keep", action="store_true", help="standalone: keep the temporary project directory")
    args = ap.parse_args(argv)
    for dt_ms in args.dt:
        (standalone if args.mode == "standalone" else runtime)(args, dt_ms)
    print("whole process %.3f s" % (time.perf_counter() - T_START))


if __name__ == "__main__":
    main()

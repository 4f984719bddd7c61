package dev.myelin.tests.bench;

import dev.myelin.compiler.Compiler;
import dev.myelin.compiler.ir.Network;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.arch.Presets;
import dev.myelin.tests.compiler.LayeredNetworks;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/** Compiling the 1,048,576-neuron layered network onto the whole truenorth preset, one shot per iteration. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CompileBenchmark {
    Network network;
    Architecture arch;

    @Setup
    public void setUp() {
        network = LayeredNetworks.blocks(4, 262144);
        arch = Presets.require("truenorth");
    }

    @Benchmark
    public Object compileMillionNeurons() {
        return Compiler.compile(network, arch).emitted().image();
    }
}

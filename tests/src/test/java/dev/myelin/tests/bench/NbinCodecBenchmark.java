package dev.myelin.tests.bench;

import dev.myelin.isa.codec.NbinCodec;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.tests.conformance.RandomTrueNorthNetworks;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * Encoding (validation included) and decoding (CRC, parse and validation) of a 64-core
 * TrueNorth image: 8 x 8 cores of 256 axons x 256 neurons, about 1.1 MB. One operation is one
 * whole image; divide the size by the time for MB/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class NbinCodecBenchmark {
    private NetworkImage image;
    private byte[] bytes;

    @Setup(Level.Trial)
    public void build() {
        image = new RandomTrueNorthNetworks(64).network(8, 8, 256, 256);
        bytes = NbinCodec.encode(image);
    }

    @Benchmark
    public byte[] encode() {
        return NbinCodec.encode(image);
    }

    @Benchmark
    public NetworkImage decode() {
        return NbinCodec.decode(bytes);
    }
}

package dev.myelin.chip.testing;

import dev.myelin.chip.testing.TnNet;
import dev.myelin.isa.codec.NbinCodec;
import dev.myelin.isa.model.CoreId;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.model.Symbol;

import java.nio.file.Path;
import java.util.List;

/**
 * A two-core TrueNorth sample whose activity is known by hand (truenorth.md's tonic examples):
 * core (0,0,0) holds population "src": neuron 0 (lambda +1, alpha 10) fires in ticks 9, 19, 29;
 * neuron 1 (lambda +2, alpha 11) in ticks 5, 11, 17, 23, 29. Each sends to core (1,0,0) one hop
 * east, delay 1, onto axons 0 and 1 of population "dst" (one neuron that never fires).
 * In 30 ticks: 8 spikes, 8 messages, 8 east-west hops; 8 synaptic events, counted as SANA-FE
 * does in the tick each message is sent (9, 19, 29 and 5, 11, 17, 23, 29), of which the chip
 * performs 6 within the run (in ticks 10, 20 and 6, 12, 18, 24; tick 29's land in tick 30).
 */
public final class RunSample {
    private RunSample() {
    }

    public static Path write(Path dir) {
        Path f = dir.resolve("sample.nbin");
        NbinCodec.write(f, image());
        return f;
    }

    public static NetworkImage image() {
        TnNet net = new TnNet();
        TnNet.TnCore a = net.core(0, 1, 2);
        TnNet.TnCore b = net.core(1, 2, 1);
        a.p.leak()[0] = 1;
        a.p.alpha()[0] = 10;
        a.p.leak()[1] = 2;
        a.p.alpha()[1] = 11;
        a.target(0, 1, 0, 1).target(1, 1, 1, 1);
        b.p.weights()[0] = 1;
        b.p.weights()[1] = 1;
        b.connect(0, 0, 0).connect(1, 1, 0);
        net.input("in", a.id, 0);
        net.symbols.add(new Symbol("src", 2, List.of(new Symbol.Range(new CoreId(0, 0, 0), 0, 2, 0))));
        net.symbols.add(new Symbol("dst", 1, List.of(new Symbol.Range(new CoreId(1, 0, 0), 0, 1, 0))));
        return net.image();
    }
}

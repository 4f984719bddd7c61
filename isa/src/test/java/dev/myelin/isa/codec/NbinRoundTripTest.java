package dev.myelin.isa.codec;

import dev.myelin.isa.model.Images;
import dev.myelin.isa.model.NetworkImage;
import dev.myelin.isa.testing.SampleImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NbinRoundTripTest {
    @Test
    void everySampleDecodesToAnEqualImage() {
        for (Map.Entry<String, NetworkImage> e : SampleImages.all().entrySet()) {
            byte[] bytes = NbinCodec.encode(e.getValue());
            NetworkImage back = NbinCodec.decode(bytes);
            assertThat(Images.equal(back, e.getValue())).as(e.getKey()).isTrue();
            assertThat(NbinCodec.encode(back)).as(e.getKey() + " re-encoded").isEqualTo(bytes);
        }
    }

    @Test
    void encodingIsDeterministicAndIndependentOfCoreOrder() {
        NetworkImage a = SampleImages.trueNorthTwoCores();
        NetworkImage reversed = new NetworkImage(a.arch(), a.flags(), java.util.List.of(a.cores().get(1), a.cores().get(0)), a.inputs(), a.outputs(),
                a.symbols());
        assertThat(NbinCodec.encode(reversed)).isEqualTo(NbinCodec.encode(SampleImages.trueNorthTwoCores()));
    }

    @Test
    void writeThenReadAFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("net.nbin");
        NbinCodec.write(f, SampleImages.loihiSparse());
        assertThat(Files.size(f)).isEqualTo(NbinCodec.encode(SampleImages.loihiSparse()).length);
        assertThat(Images.equal(NbinCodec.read(f), SampleImages.loihiSparse())).isTrue();
    }
}

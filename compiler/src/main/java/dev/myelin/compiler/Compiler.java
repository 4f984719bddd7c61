package dev.myelin.compiler;

import dev.myelin.compiler.diag.Diagnostics;
import dev.myelin.compiler.emit.Emit;
import dev.myelin.compiler.ir.InputDelivery;
import dev.myelin.compiler.ir.Network;
import dev.myelin.compiler.lower.ExpandConnectivity;
import dev.myelin.compiler.lower.LowerNeurons;
import dev.myelin.compiler.lower.QuantiseSynapses;
import dev.myelin.compiler.lower.RateEstimate;
import dev.myelin.compiler.lower.Validate;
import dev.myelin.compiler.partition.Partition;
import dev.myelin.compiler.partition.Partitioner;
import dev.myelin.compiler.route.InputCores;
import dev.myelin.compiler.place.Placer;
import dev.myelin.compiler.place.Traffic;
import dev.myelin.compiler.route.Route;
import dev.myelin.compiler.source.NetworkReader;
import dev.myelin.isa.arch.ArchYaml;
import dev.myelin.isa.arch.Architecture;
import dev.myelin.isa.arch.Presets;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.io.TextFiles;
import dev.myelin.isa.model.ImageValidator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The compiler: read -> validate -> expand connectivity -> lower neurons -> quantise synapses ->
 * estimate rates -> partition -> estimate traffic -> place -> route -> emit. Each pass returns a
 * named product; the compiler stops after a pass that reported errors (all of them at once, as
 * one {@link dev.myelin.isa.diag.MyelinInputException}). Route may send populations back to
 * partition when TrueNorth axon or neuron copies overflow a core (bounded rounds).
 */
public final class Compiler {
    static final int MAX_ROUTE_ROUNDS = 12;

    private Compiler() {
    }

    /** Every product of one compilation, with the wall time of each pass in milliseconds. */
    public record Compilation(Network network, Architecture arch, ExpandConnectivity.Product expanded,
                              LowerNeurons.Product lowered, QuantiseSynapses.Product quantised,
                              RateEstimate.Product rates, Partition.Product partition, Traffic traffic,
                              Placer.Product placement, Route.Product routed, Emit.Product emitted,
                              Map<String, Double> passMs, Diagnostics diagnostics) {
    }

    /** Reads and compiles a description file; {@code archOverride} (preset or file) replaces its target. */
    public static Compilation compileFile(Path file, String archOverride) {
        return compileFile(file, archOverride, null);
    }

    /**
     * Reads and compiles a description file; {@code archOverride} (preset or file) replaces its
     * target and {@code inputs}, when not null, how every spiking input reaches the chip.
     */
    public static Compilation compileFile(Path file, String archOverride, InputDelivery inputs) {
        Diagnostics d = new Diagnostics();
        Map<String, Double> ms = new LinkedHashMap<>();
        Network read = timed(ms, "read", () -> NetworkReader.read(file, d));
        d.throwIfErrors();
        Network n = inputs == null ? read : read.withInputs(inputs);
        // an override's problems are the option's, not the description's arch line
        Architecture arch = archOverride != null ? resolveArch(archOverride, file, "--arch")
                : resolveArch(n.arch(), file, n.archWhere());
        Path archFile = archFile(archOverride != null ? archOverride : n.arch(), file);
        if (archFile != null) {
            d.read(archFile);
        }
        return compile(n, arch, d, ms);
    }

    /**
     * Resolves a preset name, or a file relative to the description's directory. Errors about the
     * name itself (not a preset, not a file, not a usable file name, not a regular file) are
     * located at {@code where}; errors inside an architecture file name its own file:line:col.
     */
    static Architecture resolveArch(String arch, Path description, String where) {
        if (Presets.byName(arch).isEmpty()) {
            Path dir = description.toAbsolutePath().getParent();
            Path rel = TextFiles.resolve(dir, arch, where);
            if (Files.exists(rel)) {
                try {
                    TextFiles.requireRegular(rel, "architecture file");
                } catch (MyelinInputException e) {
                    throw new MyelinInputException(where + ": " + e.getMessage());
                }
                return ArchYaml.load(rel);
            }
        }
        try {
            return ArchYaml.resolve(arch);
        } catch (MyelinInputException e) {
            throw new MyelinInputException(where + ": " + e.getMessage());
        }
    }

    /** The architecture file {@link #resolveArch} read for {@code arch}, or null for a preset. */
    static Path archFile(String arch, Path description) {
        if (arch == null || Presets.byName(arch).isPresent()) {
            return null;
        }
        try {
            Path rel = description.toAbsolutePath().getParent().resolve(arch);
            return Files.exists(rel) ? rel : Files.exists(Path.of(arch)) ? Path.of(arch) : null;
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    /** Compiles a network (from the builder API or the reader) for {@code arch}. */
    public static Compilation compile(Network n, Architecture arch) {
        return compile(n, arch, new Diagnostics(), new LinkedHashMap<>());
    }

    static Compilation compile(Network n, Architecture arch, Diagnostics d, Map<String, Double> ms) {
        timed(ms, "validate", () -> {
            Validate.run(n, arch, d);
            return null;
        });
        d.throwIfErrors();
        var ex = timed(ms, "expand", () -> ExpandConnectivity.run(n));
        var low = timed(ms, "lower", () -> LowerNeurons.run(n, arch, ex, d));
        d.throwIfErrors();
        var q = timed(ms, "quantise", () -> QuantiseSynapses.run(arch, ex, low, d));
        d.throwIfErrors();
        var rates = timed(ms, "rates", () -> RateEstimate.run(n, low, q));
        int[] perCore = Partitioner.initialPerCore(n, arch);
        Set<Integer> shrink = Set.of();
        for (int round = 0; round < MAX_ROUTE_ROUNDS; round++) {
            Set<Integer> s = shrink;
            var part = timed(ms, "partition", () -> Partitioner.run(n, arch, ex, perCore, s, d));
            d.throwIfErrors();
            var traffic = timed(ms, "traffic", () -> Traffic.estimate(n, arch, ex, part, rates));
            var place = timed(ms, "place", () -> Placer.run(n, arch, part, traffic, d));
            d.throwIfErrors();
            var direct = timed(ms, "route", () -> Route.run(n, arch, q, part, place, d));
            d.throwIfErrors();
            if (!direct.shrink().isEmpty()) {
                shrink = direct.shrink();
                continue;
            }
            var routed = timed(ms, "inputs", () -> InputCores.run(n, arch, direct, d));
            d.throwIfErrors();
            var emitted = timed(ms, "emit", () -> Emit.run(n, arch, low, routed));
            timed(ms, "check", () -> {
                try {
                    ImageValidator.validate(emitted.image());
                } catch (RuntimeException e) {
                    throw new IllegalStateException("the compiler emitted an invalid image: " + e.getMessage(), e);
                }
                return null;
            });
            return new Compilation(n, arch, ex, low, q, rates, part, traffic, place, routed, emitted, ms, d);
        }
        d.error(n.archWhere(), "does not fit: TrueNorth axon and neuron copies kept overflowing cores after "
                + MAX_ROUTE_ROUNDS + " rounds of repartitioning");
        d.throwIfErrors();
        throw new IllegalStateException("unreachable");
    }

    private static <T> T timed(Map<String, Double> ms, String pass, Supplier<T> body) {
        long t0 = System.nanoTime();
        try {
            return body.get();
        } finally {
            ms.merge(pass, (System.nanoTime() - t0) / 1e6, Double::sum);
        }
    }
}

package dev.myelin.cli;

import dev.myelin.chip.dist.PartitionPlan;
import dev.myelin.chip.dist.SpikeExchange;
import dev.myelin.chip.plot.TickWindow;
import dev.myelin.chip.run.PartitionRun;
import dev.myelin.chip.run.RunOptions;
import dev.myelin.chip.run.RunSession;
import dev.myelin.isa.codec.NbinCodec;
import dev.myelin.isa.diag.MyelinFailureException;
import dev.myelin.isa.diag.MyelinInputException;
import dev.myelin.isa.spi.CompiledNetwork;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * {@code myelin run} with {@code --local-partitions K} or {@code --partitions}: a board run as
 * several members (docs/distributed.md). The JGroups transport (module {@code dist}) is touched
 * only here, and only for {@code --partitions}: a plain run loads none of it, and neither does
 * {@code --local-partitions 1}.
 */
final class Partitioned {
    /** Exit code of a member whose partner left or froze (after writing its partial outputs). */
    static final int EXIT_PARTITION_LOST = 3;

    private Partitioned() {
    }

    static int run(RunCommand c) {
        PrintWriter out = c.spec.commandLine().getOut();
        PrintWriter err = c.spec.commandLine().getErr();
        refuseUnsupported(c);
        if (c.localPartitions != null && c.partitions != null) {
            throw new MyelinInputException("give --local-partitions or --partitions, not both");
        }
        if (!(c.hangTimeout > 0 && c.hangTimeout <= 3600) || !(c.startTimeout > 0 && c.startTimeout <= 3600)) {
            throw new MyelinInputException("--hang-timeout and --start-timeout must be in (0, 3600] seconds");
        }
        // what myelin run would be asked for the outputs rank 0 writes from every member's activity
        RunOptions traces = new RunOptions(c.network, c.arch, c.ticks, c.inputs, c.seed, c.threads, c.timing, c.spikes,
                c.probes, c.probeFile, c.vcd, c.stats, c.perTick, c.profile, c.plots,
                c.plotTicks == null ? null : TickWindow.parse(c.plotTicks), c.sampleTicks, c.quiet, null, null,
                c.device, c.adcBits);
        RunSession.check(traces);
        boolean traced = c.stats != null || c.perTick != null || c.vcd != null || c.plots != null;
        PartitionRun.Options o = new PartitionRun.Options(c.ticks, c.inputs, c.seed, c.threads, c.spikes, c.counters,
                c.digests, c.probes, c.probeFile, traced ? traces : null,
                new PartitionRun.Learned(c.device, c.adcBits, c.dumpWeights, c.saveBinary));
        PartitionRun.check(o);
        if (c.localPartitions != null && c.localPartitions != 1) {
            CompiledNetwork net = NetworkLoader.load(c.network, c.arch, c.inputDelivery, c.dt);
            PartitionRun.checkFiles(o, c.network, net);
            // check the plan and window here, so a bad K or D is one usage error, not K of them
            PartitionPlan plan = PartitionPlan.of(net.image(), c.localPartitions);
            PartitionRun.window(net, plan, c.window);
            return launchLocal(c, c.localPartitions, err);
        }
        CompiledNetwork net = NetworkLoader.load(c.network, c.arch, c.inputDelivery, c.dt);
        if (c.localPartitions != null) {
            PartitionRun.checkFiles(o, c.network, net);
            PartitionPlan plan = PartitionPlan.of(net.image(), 1);
            int d = PartitionRun.window(net, plan, c.window);
            return finish(PartitionRun.run(o, net, plan, d, SpikeExchange.single(), err), plan, d, 0, 1, out, err);
        }
        List<dev.myelin.dist.Member> members = dev.myelin.dist.Member.parseList(c.partitions);
        int rank = dev.myelin.dist.Member.rank(c.rank, System.getenv(), members.size());
        if (rank == 0) {
            // rank 0 writes the outputs (on a cluster the others' hosts may not even have their directories)
            PartitionRun.checkFiles(o, c.network, net);
        }
        PartitionPlan plan = PartitionPlan.of(net.image(), members.size());
        int d = PartitionRun.window(net, plan, c.window);
        String model = modelHash(net, c);
        String handshake = "version=" + Main.Version.version() + ";model=" + model + ";window=" + d
                + ";partitions=" + members.size() + ";map=" + plan.describe() + ";ticks=" + c.ticks + ";seed=" + c.seed
                + ";outputs=" + (c.spikes != null) + "," + (c.counters != null) + "," + (c.digests != null)
                + ";probes=" + c.probes + "," + (c.probeFile != null)
                + ";traces=" + (c.stats != null) + "," + (c.perTick != null) + "," + (c.vcd != null) + ","
                + (c.plots != null) + "," + c.profile + "," + c.sampleTicks + "," + c.plotTicks
                + ";devices=" + c.device + "," + c.adcBits
                + ";learned=" + (c.dumpWeights != null) + "," + (c.saveBinary != null);
        try (dev.myelin.dist.JGroupsExchange ex = dev.myelin.dist.JGroupsExchange.join(members, rank,
                // one group per member list, whatever the model: a member of another model must meet the handshake
                "myelin " + members, handshake, (long) (c.startTimeout * 1000), (long) (c.hangTimeout * 1000))) {
            if (!c.quiet) {
                err.println("myelin run: partition " + rank + " of " + members.size() + " (" + members.get(rank) + ", "
                        + plan.chipsText(rank) + "): group formed, window " + d + " ticks");
                err.flush();
            }
            return finish(PartitionRun.run(o, net, plan, d, ex, err), plan, d, rank, members.size(), out, err);
        }
    }

    private static int finish(PartitionRun.Result r, PartitionPlan plan, int d, int rank, int k, PrintWriter out,
                              PrintWriter err) {
        if (r.partial()) {
            err.flush();
            return EXIT_PARTITION_LOST;
        }
        double perWindow = r.windows() == 0 ? 0 : r.exchangeSeconds() * 1000 / r.windows();
        out.printf(java.util.Locale.ROOT, "partition %d of %d (%s): %d ticks in %.3f s (%.1f ticks/s), window %d, "
                        + "%d windows, %d link records out, %d in, exchange %.3f s (%.3f ms per window), "
                        + "outputs %.3f s%n",
                rank, k, plan.chipsText(rank), r.ticksRun(), r.wallSeconds(),
                r.wallSeconds() > 0 ? r.ticksRun() / r.wallSeconds() : 0.0, d, r.windows(), r.recordsSent(),
                r.recordsReceived(), r.exchangeSeconds(), perWindow, r.gatherSeconds());
        if (r.traced() != null) {
            // rank 0 of a run with --stats, --per-tick, --vcd or --plots: the summary of myelin run
            Summary.print(r.traced(), out);
        } else {
            for (Path f : r.written()) {
                out.println("wrote " + f);
            }
        }
        out.flush();
        return 0;
    }

    private static void refuseUnsupported(RunCommand c) {
        if (!"simple".equals(c.timing)) {
            throw new MyelinInputException("--timing " + c.timing + " is not available in a partitioned run: the "
                    + "cycle-level mesh routes a chip's messages to other chips through the board's routers and "
                    + "links with the contention of every chip's traffic, so a message's arrival tick depends on "
                    + "traffic another member runs (docs/distributed.md); a partitioned run uses --timing simple");
        }
    }

    /** SHA-256 over the image's binary and every --input file, hex (16 digits): the handshake's model hash. */
    private static String modelHash(CompiledNetwork net, RunCommand c) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(NbinCodec.encode(net.image()));
            for (Map.Entry<String, Path> e : c.inputs.entrySet()) {
                md.update(e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                md.update(Files.readAllBytes(e.getValue()));
            }
            return HexFormat.of().formatHex(md.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new MyelinInputException("cannot read an --input file: " + e.getMessage());
        }
    }

    /** Spawns K members on 127.0.0.1, each with --partitions and --rank, and waits for them all. */
    private static int launchLocal(RunCommand c, int k, PrintWriter err) {
        List<Integer> ports = freePorts(k);
        StringBuilder list = new StringBuilder();
        for (int p : ports) {
            list.append(list.length() == 0 ? "" : ",").append("127.0.0.1:").append(p);
        }
        List<Process> children = new ArrayList<>();
        Thread reaper = new Thread(() -> children.forEach(Process::destroyForcibly));
        Runtime.getRuntime().addShutdownHook(reaper);
        try {
            for (int r = 0; r < k; r++) {
                ProcessBuilder pb = new ProcessBuilder(memberCommand(c, list.toString(), r));
                pb.inheritIO();
                try {
                    children.add(pb.start());
                } catch (IOException e) {
                    throw new MyelinFailureException("cannot start member " + r + ": " + e.getMessage());
                }
            }
            int[] codes = new int[k];
            for (int r = 0; r < k; r++) {
                try {
                    codes[r] = children.get(r).waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new MyelinFailureException("interrupted while waiting for the members");
                }
            }
            int result = 0;
            for (int code : codes) {
                if (code == Main.EXIT_BAD_INPUT) {
                    return code;
                }
                if (code == EXIT_PARTITION_LOST) {
                    result = EXIT_PARTITION_LOST;
                } else if (code != 0 && result == 0) {
                    result = code;
                }
            }
            return result;
        } finally {
            children.forEach(Process::destroyForcibly);
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    static List<String> memberCommand(RunCommand c, String list, int rank) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmFlags());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("-Djava.net.preferIPv4Stack=true");
        cmd.add("-Dmyelin.prog=" + Main.prog());
        cmd.add(Main.class.getName());
        cmd.add("run");
        cmd.add(c.network.toString());
        cmd.add("--ticks=" + c.ticks);
        addIf(cmd, "--arch=", c.arch);
        addIf(cmd, "--dt=", c.dt);
        addIf(cmd, "--input-delivery=", c.inputDelivery);
        addIf(cmd, "--device=", c.device);
        addIf(cmd, "--adc-bits=", c.adcBits);
        addIf(cmd, "--dump-weights=", c.dumpWeights);
        addIf(cmd, "--save-binary=", c.saveBinary);
        for (Map.Entry<String, Path> e : c.inputs.entrySet()) {
            cmd.add("--input=" + e.getKey() + "=" + e.getValue());
        }
        addIf(cmd, "--seed=", c.seed);
        cmd.add("--threads=" + c.threads);
        addIf(cmd, "--spikes=", c.spikes);
        addIf(cmd, "--counters=", c.counters);
        addIf(cmd, "--digests=", c.digests);
        for (String probe : c.probes) {
            cmd.add("--probe=" + probe);
        }
        addIf(cmd, "--vcd=", c.vcd);
        addIf(cmd, "--stats=", c.stats);
        addIf(cmd, "--per-tick=", c.perTick);
        addIf(cmd, "--plots=", c.plots);
        addIf(cmd, "--plot-ticks=", c.plotTicks);
        addIf(cmd, "--energy-profile=", c.profile);
        if (c.sampleTicks != 0) {
            cmd.add("--sample-ticks=" + c.sampleTicks);
        }
        addIf(cmd, "--probe-file=", c.probeFile);
        cmd.add("--window=" + c.window);
        cmd.add("--hang-timeout=" + c.hangTimeout);
        cmd.add("--start-timeout=" + c.startTimeout);
        if (c.quiet) {
            cmd.add("--quiet");
        }
        cmd.add("--partitions=" + list);
        cmd.add("--rank=" + rank);
        return cmd;
    }

    private static void addIf(List<String> cmd, String option, Object value) {
        if (value != null) {
            cmd.add(option + value);
        }
    }

    /** This JVM's own options (the launcher's module flags, heap, class-data archive) for the members, less a debugger's. */
    static List<String> jvmFlags() {
        List<String> flags = new ArrayList<>();
        for (String a : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-agentlib:jdwp") && !a.startsWith("-Dmyelin.prog=")) {
                flags.add(a);
            }
        }
        return flags;
    }

    private static List<Integer> freePorts(int k) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(s);
                ports.add(s.getLocalPort());
            }
            return ports;
        } catch (IOException e) {
            throw new MyelinFailureException("cannot find " + k + " free ports on 127.0.0.1: " + e.getMessage());
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing a listening socket we opened: nothing to do
                }
            }
        }
    }

}

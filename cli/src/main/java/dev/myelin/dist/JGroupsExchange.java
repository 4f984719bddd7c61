package dev.myelin.dist;

import dev.myelin.chip.dist.LinkRecords;
import dev.myelin.chip.dist.PartitionLostException;
import dev.myelin.chip.dist.SpikeExchange;
import dev.myelin.isa.diag.MyelinFailureException;
import dev.myelin.isa.diag.MyelinInputException;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.View;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The {@link SpikeExchange} over JGroups: a TCP stack with a fixed member list (TCPPING), Nagle
 * off, no credit flow control (a lock-step exchange never floods), failure detection by socket
 * (FD_SOCK2) and heartbeat (FD_ALL3), reliable FIFO unicast (UNICAST3). Every member sends each
 * peer one message per window; a wait is cut into slices of {@value #SLICE_MS} ms and ends with
 * {@link PartitionLostException} when the peer left the group (a view without it) or sent nothing
 * for the hang timeout.
 *
 * <p>Start-up: every member joins, waits until the group holds all K members, then sends each a
 * hello carrying its rank and the run's handshake (version, model hash, window, partition map);
 * every member compares every field and refuses a mismatch, naming it. Both waits are bounded by
 * the start timeout.
 */
public final class JGroupsExchange implements SpikeExchange, Receiver {
    static final int SLICE_MS = 50;
    private static final byte HELLO = 1;
    private static final byte WINDOW = 2;
    private static final byte PART = 3;
    private static final byte DONE = 4;
    /** "partition P left at tick T": sent by a member that saw a peer go, to every other member, before it stops. */
    private static final byte LOST = 5;
    /** How long a member that reports a lost peer stays in the group, so its report arrives before its own leave. */
    static final int LOST_LINGER_MS = 300;
    private static final byte[] NONE = new byte[0];

    private final List<Member> members;
    private final int rank;
    private final int k;
    private final long hangMs;
    private final JChannel channel;
    private final Address[] address;
    private final LinkedBlockingQueue<byte[]>[] windows;
    private final LinkedBlockingQueue<byte[]>[] control;
    private final LinkedBlockingQueue<Message> hellos = new LinkedBlockingQueue<>();
    private volatile View view;
    private volatile boolean[] gone;
    /** The first loss another member reported ({rank, tick} in a long[2]), or null. */
    private volatile long[] reported;

    @SuppressWarnings("unchecked")
    private JGroupsExchange(List<Member> members, int rank, long hangMs) throws Exception {
        this.members = List.copyOf(members);
        this.rank = rank;
        this.k = members.size();
        this.hangMs = hangMs;
        this.address = new Address[k];
        this.windows = new LinkedBlockingQueue[k];
        this.control = new LinkedBlockingQueue[k];
        for (int p = 0; p < k; p++) {
            windows[p] = new LinkedBlockingQueue<>();
            control[p] = new LinkedBlockingQueue<>();
        }
        this.gone = new boolean[k];
        this.channel = new JChannel(new ByteArrayInputStream(config(members, rank, hangMs).getBytes(StandardCharsets.UTF_8)));
        channel.setName("partition-" + rank);
        channel.setDiscardOwnMessages(true);
        channel.setReceiver(this);
    }

    /**
     * Joins the group of {@code members} as {@code rank} and completes the handshake.
     *
     * @param cluster      the group's name (the same for every member of a run)
     * @param handshake    {@code key=value} fields separated by {@code ;}, compared with every peer's
     * @param startMs      bound on joining and on the handshake
     * @param hangMs       a peer silent for this long during the run counts as gone
     * @throws MyelinInputException   when a peer's handshake differs (names the field)
     * @throws MyelinFailureException when the group does not form in time
     */
    public static JGroupsExchange join(List<Member> members, int rank, String cluster, String handshake, long startMs,
                                       long hangMs) {
        JGroupsExchange x;
        try {
            x = new JGroupsExchange(members, rank, hangMs);
            x.channel.connect(cluster);
        } catch (Exception e) {
            throw new MyelinFailureException("partition " + rank + " (" + members.get(rank) + "): cannot join the group: " + e.getMessage());
        }
        try {
            x.handshake(handshake, System.nanoTime() + startMs * 1_000_000L);
            return x;
        } catch (RuntimeException e) {
            x.close();
            throw e;
        }
    }

    static String config(List<Member> members, int rank, long hangMs) {
        StringBuilder hosts = new StringBuilder();
        for (Member m : members) {
            if (hosts.length() > 0) {
                hosts.append(',');
            }
            hosts.append(m.host()).append('[').append(m.port()).append(']');
        }
        Member me = members.get(rank);
        long heartbeat = Math.max(200, hangMs / 4);
        return "<config xmlns=\"urn:org:jgroups\">"
                + "<TCP bind_addr=\"" + me.host() + "\" bind_port=\"" + me.port() + "\" port_range=\"0\""
                + " tcp_nodelay=\"true\" sock_conn_timeout=\"300\" diag.enabled=\"false\""
                + " thread_pool.min_threads=\"0\" thread_pool.max_threads=\"8\" use_virtual_threads=\"false\"/>"
                + "<TCPPING initial_hosts=\"" + hosts + "\" port_range=\"0\" async_discovery=\"true\"/>"
                + "<MERGE3 min_interval=\"500\" max_interval=\"2000\"/>"
                + "<FD_SOCK2/>"
                + "<FD_ALL3 timeout=\"" + hangMs + "\" interval=\"" + heartbeat + "\"/>"
                + "<VERIFY_SUSPECT2 timeout=\"500\"/>"
                + "<pbcast.NAKACK2 use_mcast_xmit=\"false\"/>"
                + "<UNICAST3/>"
                + "<pbcast.STABLE/>"
                + "<pbcast.GMS join_timeout=\"1000\" print_local_addr=\"false\"/>"
                + "<FRAG2 frag_size=\"60000\"/>"
                + "</config>";
    }

    private void handshake(String mine, long deadline) {
        // wait for the whole group (MERGE3 heals a split start, when members formed groups of their own)
        while (view == null || view.size() < k) {
            if (System.nanoTime() > deadline) {
                View v = view;
                throw new MyelinFailureException("partition " + rank + " (" + members.get(rank) + "): the group has "
                        + (v == null ? 0 : v.size()) + " of " + k + " members after the start timeout (is every member"
                        + " started, with the same --partitions list?)");
            }
            sleep();
        }
        byte[] hello = mine.getBytes(StandardCharsets.UTF_8);
        for (Address a : view.getMembers()) {
            if (!a.equals(channel.getAddress())) {
                send(a, HELLO, 0, hello, -1, 0);
            }
        }
        int heard = 0;
        while (heard < k - 1) {
            Message m;
            try {
                m = hellos.poll(SLICE_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MyelinFailureException("interrupted during the handshake");
            }
            if (m == null) {
                if (System.nanoTime() > deadline) {
                    throw new MyelinFailureException("partition " + rank + " (" + members.get(rank) + "): heard " + heard
                            + " of " + (k - 1) + " peers' handshakes before the start timeout");
                }
                continue;
            }
            ByteBuffer b = ByteBuffer.wrap(m.getArray(), m.getOffset(), m.getLength());
            b.get();
            int from = b.getInt();
            b.getLong();
            String theirs = new String(m.getArray(), b.position(), b.remaining(), StandardCharsets.UTF_8);
            if (from < 0 || from >= k || from == rank || address[from] != null) {
                throw new MyelinInputException("handshake: a member at " + m.getSrc() + " claims rank " + from
                        + " (this member is rank " + rank + " of " + k + "): give every member a distinct rank");
            }
            compare(mine, theirs, from);
            address[from] = m.getSrc();
            heard++;
        }
    }

    private void compare(String mine, String theirs, int from) {
        String[] a = mine.split(";");
        String[] b = theirs.split(";");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "";
            String y = i < b.length ? b[i] : "";
            if (!x.equals(y)) {
                String key = x.contains("=") ? x.substring(0, x.indexOf('=')) : y.contains("=") ? y.substring(0, y.indexOf('=')) : "?";
                throw new MyelinInputException("handshake with partition " + from + " (" + members.get(from) + ") failed: "
                        + key + " differs (here " + value(x) + ", there " + value(y) + ")");
            }
        }
    }

    private static String value(String field) {
        return field.contains("=") ? field.substring(field.indexOf('=') + 1) : "missing";
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public int partitions() {
        return k;
    }

    @Override
    public String address(int r) {
        return members.get(r).toString();
    }

    @Override
    public void exchange(long tick, LinkRecords[] out, LinkRecords[] in) {
        for (int p = 0; p < k; p++) {
            if (p != rank) {
                LinkRecords o = out[p];
                ByteBuffer b = ByteBuffer.allocate(16 * o.size());
                b.asLongBuffer().put(o.words(), 0, 2 * o.size());
                send(address[p], WINDOW, tick, b.array(), p, tick);
            }
        }
        for (int p = 0; p < k; p++) {
            if (p != rank) {
                ByteBuffer b = take(windows, p, tick, WINDOW);
                int n = b.remaining() / 16;
                in[p].resize(n);
                b.asLongBuffer().get(in[p].words(), 0, 2 * n);
            }
        }
    }

    @Override
    public byte[][] gather(long tick, byte[] payload) {
        if (rank != 0) {
            send(address[0], PART, tick, payload, 0, tick);
            // wait for rank 0's acknowledgement before leaving: a member that left early would look lost to it
            take(control, 0, tick, DONE);
            return null;
        }
        byte[][] all = new byte[k][];
        all[0] = payload;
        for (int p = 1; p < k; p++) {
            ByteBuffer b = take(control, p, tick, PART);
            all[p] = new byte[b.remaining()];
            b.get(all[p]);
        }
        for (int p = 1; p < k; p++) {
            send(address[p], DONE, tick, NONE, p, tick);
        }
        // leave last: a member that leaves drops what it still had to deliver (the acknowledgements)
        long deadline = System.nanoTime() + hangMs * 1_000_000L;
        while (view.size() > 1 && System.nanoTime() < deadline) {
            sleep();
        }
        return all;
    }

    private void send(Address to, byte type, long tick, byte[] body, int peer, long at) {
        ByteBuffer b = ByteBuffer.allocate(13 + body.length);
        b.put(type).putInt(rank).putLong(tick).put(body);
        Message m = new BytesMessage(to, b.array());
        m.setFlag(Message.Flag.DONT_BUNDLE);
        try {
            channel.send(m);
        } catch (Exception e) {
            if (peer >= 0) {
                throw new PartitionLostException(peer, address(peer), at, "cannot send: " + e.getMessage());
            }
            throw new MyelinFailureException("partition " + rank + ": cannot send: " + e.getMessage());
        }
    }

    /** The next message of {@code type} from {@code peer} (header skipped), waiting in slices, bounded by the hang timeout. */
    private ByteBuffer take(LinkedBlockingQueue<byte[]>[] queues, int peer, long tick, byte type) {
        long deadline = System.nanoTime() + hangMs * 1_000_000L;
        while (true) {
            byte[] got;
            try {
                got = queues[peer].poll(SLICE_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PartitionLostException(peer, address(peer), tick, "interrupted");
            }
            if (got != null) {
                ByteBuffer b = ByteBuffer.wrap(got);
                byte t = b.get();
                b.getInt();
                long theirTick = b.getLong();
                if (t != type || type == WINDOW && theirTick != tick) {
                    throw new MyelinFailureException("partition " + rank + ": out of step with partition " + peer
                            + ": got message " + t + " of tick " + theirTick + " while waiting for " + type + " of tick " + tick);
                }
                return b;
            }
            long[] r = reported;
            if (r != null) {
                // a member that saw the loss first stops and leaves: name the partition it lost, not it
                throw new PartitionLostException((int) r[0], address((int) r[0]), r[1], "left the group; reported by a peer");
            }
            View v = view;
            if (gone[peer] || address[peer] != null && v != null && !v.containsMember(address[peer])) {
                throw lost(peer, tick, "left the group");
            }
            if (System.nanoTime() > deadline) {
                throw lost(peer, tick, "sent nothing for " + hangMs / 1000.0 + " s");
            }
        }
    }

    /**
     * The loss of {@code peer}, first told to every other member still in the group (best effort),
     * then a short linger: without it a member whose own leave reached a third member before the
     * loss did would be named as the one that left.
     */
    private PartitionLostException lost(int peer, long tick, String how) {
        boolean told = false;
        View v = view;
        ByteBuffer body = ByteBuffer.allocate(12).putInt(peer).putLong(tick);
        for (int p = 0; p < k; p++) {
            if (p == rank || p == peer || gone[p] || address[p] == null || v == null || !v.containsMember(address[p])) {
                continue;
            }
            try {
                send(address[p], LOST, tick, body.array(), -1, tick);
                told = true;
            } catch (RuntimeException e) {
                // that member is going too; the others still hear of the loss
            }
        }
        if (told) {
            try {
                Thread.sleep(LOST_LINGER_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new PartitionLostException(peer, address(peer), tick, how);
    }

    @Override
    public void receive(Message msg) {
        byte[] a = msg.getArray();
        int off = msg.getOffset();
        int len = msg.getLength();
        if (len < 13) {
            return;
        }
        byte type = a[off];
        int from = ByteBuffer.wrap(a, off + 1, 4).getInt();
        if (type == HELLO) {
            hellos.add(msg);
            return;
        }
        if (from < 0 || from >= k) {
            return;
        }
        if (type == LOST) {
            if (len >= 25 && reported == null) {
                ByteBuffer b = ByteBuffer.wrap(a, off + 13, 12);
                int who = b.getInt();
                long at = b.getLong();
                if (who >= 0 && who < k && who != rank) {
                    reported = new long[] {who, at};
                }
            }
            return;
        }
        byte[] copy = java.util.Arrays.copyOfRange(a, off, off + len);
        (type == WINDOW ? windows : control)[from].add(copy);
    }

    @Override
    public void viewAccepted(View v) {
        view = v;
        boolean[] g = gone.clone();
        for (int p = 0; p < k; p++) {
            if (address[p] != null && !v.containsMember(address[p])) {
                g[p] = true; // once gone, gone: a member cannot rejoin a run
            }
        }
        gone = g;
    }

    private static void sleep() {
        try {
            Thread.sleep(SLICE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MyelinFailureException("interrupted while joining");
        }
    }

    @Override
    public void close() {
        channel.close();
    }

    /** Members seen in the current view (for messages). */
    List<String> viewMembers() {
        View v = view;
        List<String> out = new ArrayList<>();
        if (v != null) {
            for (Address a : v.getMembers()) {
                out.add(String.valueOf(a));
            }
        }
        return out;
    }
}

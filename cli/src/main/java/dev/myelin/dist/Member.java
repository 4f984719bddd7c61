package dev.myelin.dist;

import dev.myelin.isa.diag.MyelinInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One member of a partitioned run: the host and TCP port its JGroups transport binds to. The
 * list given to {@code --partitions} is in rank order.
 */
public record Member(String host, int port) {
    /** Environment variables that carry the rank when a launcher starts the members (in the order read). */
    public static final List<String> RANK_VARIABLES = List.of("OMPI_COMM_WORLD_RANK", "PMI_RANK", "SLURM_PROCID");

    @Override
    public String toString() {
        return host + ":" + port;
    }

    /** Parses {@code h1:port,h2:port,...}. */
    public static List<Member> parseList(String text) {
        List<Member> out = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String p = part.trim();
            int colon = p.lastIndexOf(':');
            if (colon <= 0 || colon == p.length() - 1) {
                throw new MyelinInputException("--partitions: '" + p + "' is not HOST:PORT");
            }
            int port;
            try {
                port = Integer.parseInt(p.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new MyelinInputException("--partitions: port '" + p.substring(colon + 1) + "' of '" + p
                        + "' is not a number");
            }
            if (port < 1 || port > 65535) {
                throw new MyelinInputException("--partitions: port " + port + " of '" + p + "' is out of range [1, 65535]");
            }
            Member m = new Member(p.substring(0, colon), port);
            if (out.contains(m)) {
                throw new MyelinInputException("--partitions: " + m + " is listed twice");
            }
            out.add(m);
        }
        return out;
    }

    /**
     * This member's rank: {@code --rank} when given, else the first of {@link #RANK_VARIABLES} set
     * in {@code env}; checked against the member count.
     */
    public static int rank(Integer given, Map<String, String> env, int members) {
        String from = "--rank";
        long r;
        if (given != null) {
            r = given;
        } else {
            String var = null;
            for (String v : RANK_VARIABLES) {
                if (env.get(v) != null) {
                    var = v;
                    break;
                }
            }
            if (var == null) {
                throw new MyelinInputException("--partitions needs this member's rank: give --rank I or start it under"
                        + " a launcher that sets one of " + String.join(", ", RANK_VARIABLES));
            }
            from = var;
            try {
                r = Long.parseLong(env.get(var).trim());
            } catch (NumberFormatException e) {
                throw new MyelinInputException(var + " = '" + env.get(var) + "' is not a rank");
            }
        }
        if (r < 0 || r >= members) {
            throw new MyelinInputException(from + " = " + r + " is out of range [0, " + (members - 1) + "] ("
                    + members + " members in --partitions)");
        }
        return (int) r;
    }
}

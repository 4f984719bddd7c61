package dev.myelin.dist;

import dev.myelin.isa.diag.MyelinInputException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemberTest {
    @Test
    void parsesTheMemberListInRankOrder() {
        assertEquals(List.of(new Member("node1", 7800), new Member("10.0.0.2", 7801)),
                Member.parseList("node1:7800, 10.0.0.2:7801"));
    }

    @Test
    void refusesMalformedEntries() {
        for (String bad : new String[] {"node1", "node1:", ":7800", "node1:x", "node1:0", "node1:65536", "a:1,a:1", "a:1,"}) {
            MyelinInputException e = assertThrows(MyelinInputException.class, () -> Member.parseList(bad), bad);
            assertTrue(e.getMessage().startsWith("--partitions: "), e.getMessage());
        }
    }

    @Test
    void theRankComesFromTheOptionElseTheLaunchersVariables() {
        assertEquals(2, Member.rank(2, Map.of("OMPI_COMM_WORLD_RANK", "1"), 3));
        assertEquals(1, Member.rank(null, Map.of("OMPI_COMM_WORLD_RANK", "1", "SLURM_PROCID", "0"), 3));
        assertEquals(2, Member.rank(null, Map.of("PMI_RANK", "2"), 3));
        assertEquals(0, Member.rank(null, Map.of("SLURM_PROCID", "0"), 3));
        assertTrue(assertThrows(MyelinInputException.class, () -> Member.rank(null, Map.of(), 3)).getMessage()
                .contains("OMPI_COMM_WORLD_RANK, PMI_RANK, SLURM_PROCID"));
        assertEquals("SLURM_PROCID = 3 is out of range [0, 2] (3 members in --partitions)",
                assertThrows(MyelinInputException.class, () -> Member.rank(null, Map.of("SLURM_PROCID", "3"), 3)).getMessage());
        assertEquals("PMI_RANK = 'x' is not a rank",
                assertThrows(MyelinInputException.class, () -> Member.rank(null, Map.of("PMI_RANK", "x"), 3)).getMessage());
    }
}

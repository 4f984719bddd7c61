package dev.myelin.chip.noc;

/** Told of every packet that reaches its core; called during the commit phase of the ejecting cycle. */
@FunctionalInterface
public interface DeliverySink {
    DeliverySink NONE = (mesh, id, arrivalCycle) -> { };

    /**
     * @param mesh         the mesh, to read the packet's fields ({@link Mesh#tag}, {@link Mesh#sourceCore}, ...)
     * @param id           the packet's id, valid until this call returns
     * @param arrivalCycle cycle at which the packet is in the core (ejection overhead included)
     */
    void delivered(Mesh mesh, int id, int arrivalCycle);
}

package dev.myelin.isa.model;

import dev.myelin.isa.diag.MyelinInputException;

/**
 * An image that breaks a rule of its architecture or datapath. The message reads
 * {@code "core (1,0,0): neuron[3].target[0].axon=300 exceeds core.axons=256"}; the parts are
 * kept so the binary reader can restate it with the byte offset of the section holding it.
 *
 * @param scope   {@code "core (x,y,slot)"}, {@code "input port 'in'"}, {@code "symbol 'pop'"} or {@code "image"}
 * @param core    the core whose section holds the field, or null for ports, symbols and the image
 * @param section the binary section holding the field: CORE, INPT, OUTP or SYMB
 * @param field   the field path, as in hex dumps ({@code neuron[3].alpha})
 * @param detail  the value and what is wrong with it ({@code "=300 exceeds core.axons=256"})
 */
public final class ImageViolation extends MyelinInputException {
    private static final long serialVersionUID = 1L;

    private final String scope;
    private final transient CoreId core;
    private final String section;
    private final String field;
    private final String detail;

    public ImageViolation(String scope, CoreId core, String section, String field, String detail) {
        super(scope + ": " + field + detail);
        this.scope = scope;
        this.core = core;
        this.section = section;
        this.field = field;
        this.detail = detail;
    }

    public String scope() { return scope; }
    public CoreId core() { return core; }
    public String section() { return section; }
    public String field() { return field; }
    public String detail() { return detail; }
}

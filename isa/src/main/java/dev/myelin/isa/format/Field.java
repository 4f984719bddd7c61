package dev.myelin.isa.format;

/**
 * One fixed-width little-endian integer field of a structure: its name (as printed in hex
 * dumps and error messages), byte offset from the start of the structure, width in bytes
 * (1..8) and signedness. Signed fields are two's complement.
 */
public record Field(String name, int offset, int bytes, boolean signed) {
    public Field {
        if (bytes < 1 || bytes > 8) {
            throw new IllegalArgumentException(name + ": width " + bytes);
        }
    }

    public int bits() {
        return 8 * bytes;
    }

    /** Smallest storable value. */
    public long min() {
        return signed ? bytes == 8 ? Long.MIN_VALUE : -(1L << (bits() - 1)) : 0;
    }

    /** Largest storable value. */
    public long max() {
        if (bytes == 8) {
            return Long.MAX_VALUE;
        }
        return signed ? (1L << (bits() - 1)) - 1 : (1L << bits()) - 1;
    }

    public boolean fits(long v) {
        return v >= min() && v <= max();
    }

    /** {@code u24}, {@code i16}: the notation of docs/isa.md. */
    public String typeName() {
        return (signed ? "i" : "u") + bits();
    }
}

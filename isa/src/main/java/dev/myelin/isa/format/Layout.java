package dev.myelin.isa.format;

/** Lays out the fields of one structure in declaration order (used by descriptors' static initialisers). */
final class Layout {
    private int size;

    Layout() {
    }

    /** A layout whose first field follows {@code bytes} bytes described elsewhere. */
    Layout(int bytes) {
        size = bytes;
    }

    Field u8(String name) { return add(name, 1, false); }
    Field i8(String name) { return add(name, 1, true); }
    Field u16(String name) { return add(name, 2, false); }
    Field i16(String name) { return add(name, 2, true); }
    Field u24(String name) { return add(name, 3, false); }
    Field i24(String name) { return add(name, 3, true); }
    Field u32(String name) { return add(name, 4, false); }
    Field i32(String name) { return add(name, 4, true); }
    Field i64(String name) { return add(name, 8, true); }

    int size() {
        return size;
    }

    private Field add(String name, int bytes, boolean signed) {
        Field f = new Field(name, size, bytes, signed);
        size += bytes;
        return f;
    }
}

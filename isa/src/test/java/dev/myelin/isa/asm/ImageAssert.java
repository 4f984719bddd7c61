package dev.myelin.isa.asm;

import dev.myelin.isa.model.NetworkImage;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/** Deep equality of image records (records hold arrays, whose equals is identity). */
final class ImageAssert {
    private ImageAssert() {
    }

    static void assertSameImage(NetworkImage actual, NetworkImage expected) {
        String diff = diff("image", actual, expected);
        assertThat(diff).as("first difference").isNull();
    }

    /** Null when equal, else the path of the first difference. */
    static String diff(String path, Object a, Object b) {
        if (a == null || b == null) {
            return a == b ? null : path + ": " + a + " vs " + b;
        }
        if (a.getClass().isArray()) {
            return Objects.deepEquals(a, b) ? null : path + ": arrays differ";
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size()) {
                return path + ": " + la.size() + " vs " + lb.size() + " elements";
            }
            for (int i = 0; i < la.size(); i++) {
                String d = diff(path + "[" + i + "]", la.get(i), lb.get(i));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (a.getClass().isRecord()) {
            if (a.getClass() != b.getClass()) {
                return path + ": " + a.getClass().getSimpleName() + " vs " + b.getClass().getSimpleName();
            }
            for (RecordComponent rc : a.getClass().getRecordComponents()) {
                try {
                    String d = diff(path + "." + rc.getName(), rc.getAccessor().invoke(a), rc.getAccessor().invoke(b));
                    if (d != null) {
                        return d;
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return null;
        }
        return a.equals(b) ? null : path + ": " + a + " vs " + b;
    }
}

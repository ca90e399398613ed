package io.weir.core.util;

/** Hash mixing shared by the modules that spread keys or seeds. */
public final class Mixing {

    private Mixing() {}

    /** MurmurHash3's 64-bit finalizer: every input bit affects every output bit. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }
}

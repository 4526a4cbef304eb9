package io.github.guesttools.backdoor.hardware;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * JNA binding of {@code libguesttools_backdoor.so} (src/main/c), which JNA extracts from the jar
 * ({@code linux-x86-64/}). Loaded lazily on first use; a platform without the library gets
 * {@link #load()} failing with {@link UnsatisfiedLinkError}.
 */
interface NativeHelper extends Library {
    int ABI_VERSION = 1;

    int gt_abi_version();

    void gt_cpuid(int leaf, int subleaf, int[] out);

    void gt_backdoor_lb(int[] regs);

    void gt_backdoor_hb_out(int[] regs, Pointer buffer);

    void gt_backdoor_hb_in(int[] regs, Pointer buffer);

    /** Holder idiom: the library is loaded once, when first needed. */
    final class Holder {
        static final NativeHelper INSTANCE = Native.load("guesttools_backdoor", NativeHelper.class);

        private Holder() {}
    }

    static NativeHelper load() {
        NativeHelper helper = Holder.INSTANCE;
        if (helper.gt_abi_version() != ABI_VERSION) {
            throw new UnsatisfiedLinkError(
                    "libguesttools_backdoor ABI " + helper.gt_abi_version() + ", expected " + ABI_VERSION);
        }
        return helper;
    }
}

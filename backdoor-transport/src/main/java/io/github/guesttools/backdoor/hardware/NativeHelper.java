package io.github.guesttools.backdoor.hardware;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * JNA direct mapping of {@code libguesttools_backdoor.so} (src/main/c): found on
 * {@code jna.library.path} (the image's {@code lib/native}) or else unpacked by JNA from this jar
 * ({@code linux-x86-64/}). Bound lazily, by {@link #load()}; a platform without the library gets
 * {@link UnsatisfiedLinkError} there. Direct mapping rather than a {@code Library} interface: no
 * {@link java.lang.reflect.Proxy} class is generated at every start, and each backdoor call skips
 * the proxy's reflection (docs/PERFORMANCE.md).
 */
final class NativeHelper {
    static final int ABI_VERSION = 1;

    private NativeHelper() {}

    static native int gt_abi_version();

    static native void gt_cpuid(int leaf, int subleaf, int[] out);

    static native void gt_backdoor_lb(int[] regs);

    static native void gt_backdoor_hb_out(int[] regs, Pointer buffer);

    static native void gt_backdoor_hb_in(int[] regs, Pointer buffer);

    /** Holder idiom: the library is bound once, when first needed. */
    private static final class Binding {
        static {
            Native.register(NativeHelper.class, "guesttools_backdoor");
        }

        private Binding() {}

        static void ensure() {}
    }

    /** Binds the library if needed and checks its ABI; the natives above work only after this. */
    static void load() {
        Binding.ensure();
        int abi = gt_abi_version();
        if (abi != ABI_VERSION) {
            throw new UnsatisfiedLinkError("libguesttools_backdoor ABI " + abi + ", expected " + ABI_VERSION);
        }
    }
}

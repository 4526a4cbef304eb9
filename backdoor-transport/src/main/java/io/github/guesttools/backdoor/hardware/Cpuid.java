package io.github.guesttools.backdoor.hardware;

import io.github.guesttools.backdoor.BackdoorUnavailableException;

/** The CPUID instruction through the native helper. CPUID is safe everywhere on x86-64. */
public final class Cpuid {

    /** The real CPUID of this machine. */
    public static final CpuidSource NATIVE = Cpuid::execute;

    private Cpuid() {}

    /**
     * Executes CPUID for {@code leaf} (subleaf 0).
     *
     * @throws BackdoorUnavailableException if the native helper cannot be loaded on this platform
     */
    public static CpuidResult execute(int leaf) throws BackdoorUnavailableException {
        int[] out = new int[4];
        try {
            NativeHelper.load();
            NativeHelper.gt_cpuid(leaf, 0, out);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new BackdoorUnavailableException(
                    "native backdoor helper not available on " + System.getProperty("os.name") + "/"
                            + System.getProperty("os.arch") + ": " + e.getMessage(),
                    e);
        }
        return new CpuidResult(out[0], out[1], out[2], out[3]);
    }
}

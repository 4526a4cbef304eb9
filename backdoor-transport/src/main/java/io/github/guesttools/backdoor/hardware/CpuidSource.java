package io.github.guesttools.backdoor.hardware;

import io.github.guesttools.backdoor.BackdoorUnavailableException;

/** Executes CPUID for a leaf (subleaf 0). {@link Cpuid#NATIVE} is the real instruction. */
@FunctionalInterface
public interface CpuidSource {
    /**
     * Executes CPUID.
     *
     * @throws BackdoorUnavailableException if the instruction cannot be executed here
     */
    CpuidResult cpuid(int leaf) throws BackdoorUnavailableException;
}

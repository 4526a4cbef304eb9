package io.github.guesttools.backdoor.hardware;

/**
 * The four registers CPUID returns for a leaf.
 *
 * @param eax EAX
 * @param ebx EBX
 * @param ecx ECX
 * @param edx EDX
 */
public record CpuidResult(int eax, int ebx, int ecx, int edx) {}

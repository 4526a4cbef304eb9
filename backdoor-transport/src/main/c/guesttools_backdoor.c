/*
 * Native helper of backdoor-transport: executes one CPUID or one backdoor port instruction
 * with a register block supplied by Java, and returns the register block. All protocol logic
 * (including the check that this is VMware before any port instruction) stays in Java.
 *
 * Register blocks are 7 x uint32: EAX, EBX, ECX, EDX, ESI, EDI, EBP. The instructions run with
 * the full 64-bit registers (values zero-extended, the HB buffer address in RSI/RDI at full width);
 * only the low 32 bits come back, as only they take part in the protocol.
 *
 * Built for linux-x86-64 only. The arm64 variant (backdoor.md section 3.5: X0..X6 carry the x86
 * registers, X7 describes the emulated instruction, trigger "mrs xzr, mdccsr_el0") would add the
 * same three gt_backdoor_* entry points under __aarch64__; it is not built yet.
 */
#include <stdint.h>

#define GT_ABI_VERSION 1

int gt_abi_version(void) {
    return GT_ABI_VERSION;
}

#if defined(__x86_64__)

#include <cpuid.h>

void gt_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t out[4]) {
    unsigned int a, b, c, d;
    __cpuid_count(leaf, subleaf, a, b, c, d);
    out[0] = a;
    out[1] = b;
    out[2] = c;
    out[3] = d;
}

/*
 * Loads RAX..RBP from r[0..6], executes INSN, stores them back. RBP and RBX are saved by hand
 * (RBP may be the frame pointer, so it cannot be named as a clobber); the block pointer travels
 * on the stack across the instruction. The library is built with -mno-red-zone because the
 * pushes would otherwise overwrite locals the compiler keeps below RSP.
 */
#define GT_PORT_CALL(INSN, r)                                  \
    do {                                                       \
        uint64_t *block_ = (r);                                \
        __asm__ __volatile__(                                  \
            "pushq %%rbp\n\t"                                  \
            "pushq %%rbx\n\t"                                  \
            "pushq %%rax\n\t"                                  \
            "movq 48(%%rax), %%rbp\n\t"                        \
            "movq 40(%%rax), %%rdi\n\t"                        \
            "movq 32(%%rax), %%rsi\n\t"                        \
            "movq 24(%%rax), %%rdx\n\t"                        \
            "movq 16(%%rax), %%rcx\n\t"                        \
            "movq 8(%%rax), %%rbx\n\t"                         \
            "movq 0(%%rax), %%rax\n\t"                         \
            INSN "\n\t"                                        \
            "xchgq %%rax, (%%rsp)\n\t"                         \
            "movq %%rbp, 48(%%rax)\n\t"                        \
            "movq %%rdi, 40(%%rax)\n\t"                        \
            "movq %%rsi, 32(%%rax)\n\t"                        \
            "movq %%rdx, 24(%%rax)\n\t"                        \
            "movq %%rcx, 16(%%rax)\n\t"                        \
            "movq %%rbx, 8(%%rax)\n\t"                         \
            "popq 0(%%rax)\n\t"                                \
            "popq %%rbx\n\t"                                   \
            "popq %%rbp\n\t"                                   \
            : "+a"(block_)                                     \
            :                                                  \
            : "rcx", "rdx", "rsi", "rdi", "memory", "cc");     \
    } while (0)

static void widen(const uint32_t in[7], uint64_t out[7]) {
    for (int i = 0; i < 7; i++) {
        out[i] = in[i];
    }
}

static void narrow(const uint64_t in[7], uint32_t out[7]) {
    for (int i = 0; i < 7; i++) {
        out[i] = (uint32_t) in[i];
    }
}

/* Low bandwidth: IN EAX, DX. */
void gt_backdoor_lb(uint32_t regs[7]) {
    uint64_t r[7];
    widen(regs, r);
    GT_PORT_CALL("inl %%dx, %%eax", r);
    narrow(r, regs);
}

/* High bandwidth guest to host: CLD; REP OUTSB from buffer (RSI). */
void gt_backdoor_hb_out(uint32_t regs[7], const void *buffer) {
    uint64_t r[7];
    widen(regs, r);
    r[4] = (uint64_t) (uintptr_t) buffer;
    GT_PORT_CALL("cld\n\trep outsb", r);
    narrow(r, regs);
}

/* High bandwidth host to guest: CLD; REP INSB into buffer (RDI). */
void gt_backdoor_hb_in(uint32_t regs[7], void *buffer) {
    uint64_t r[7];
    widen(regs, r);
    r[5] = (uint64_t) (uintptr_t) buffer;
    GT_PORT_CALL("cld\n\trep insb", r);
    narrow(r, regs);
}

#else
#error "guesttools_backdoor is built for x86-64 only; the arm64 variant is not built yet (backdoor.md 3.5)"
#endif

package io.github.guesttools.rpc.osinfo;

/**
 * What the guest reports about its OS.
 *
 * @param shortName     guest id for {@code SetGuestInfo} type 6, e.g. {@code debian12-64}
 * @param fullName      full name for type 5, e.g. {@code Debian GNU/Linux 12 (bookworm)}
 * @param architecture  {@code X86} or {@code Arm}
 * @param bitness       {@code 32} or {@code 64}
 * @param cpeString     {@code CPE_NAME}, or empty
 * @param distroName    {@code NAME}
 * @param distroVersion {@code VERSION_ID}
 * @param distroAddlVersion {@code VERSION}, or empty
 * @param familyName    {@code Linux}
 * @param kernelVersion kernel release
 * @param prettyName    {@code PRETTY_NAME}
 */
public record OsInfo(
        String shortName,
        String fullName,
        String architecture,
        String bitness,
        String cpeString,
        String distroName,
        String distroVersion,
        String distroAddlVersion,
        String familyName,
        String kernelVersion,
        String prettyName) {}

package io.github.guesttools.rpc.netinfo;

import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * One interface as the OS lists it, detached from {@link NetworkInterface} so the selection rules can
 * be fed fixtures.
 *
 * @param name      interface name
 * @param mac       hardware address, or {@code null}
 * @param loopback  whether it is a loopback interface
 * @param addresses addresses with prefix lengths
 */
record OsInterface(String name, byte[] mac, boolean loopback, List<Address> addresses) {

    /** An address and its prefix length. */
    record Address(InetAddress address, int prefixLength) {}

    /** The interfaces of this machine, in kernel index order. */
    static List<OsInterface> system() throws SocketException {
        List<NetworkInterface> all = Collections.list(NetworkInterface.getNetworkInterfaces());
        all.sort(Comparator.comparingInt(NetworkInterface::getIndex));
        List<OsInterface> out = new ArrayList<>(all.size());
        for (NetworkInterface ni : all) {
            List<Address> addresses = new ArrayList<>();
            for (InterfaceAddress ia : ni.getInterfaceAddresses()) {
                addresses.add(new Address(ia.getAddress(), ia.getNetworkPrefixLength()));
            }
            out.add(new OsInterface(ni.getName(), ni.getHardwareAddress(), ni.isLoopback(), addresses));
        }
        return out;
    }
}

package io.github.guesttools.toolbox.toolsstate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.toolbox.dispatch.GuestOperation;
import io.github.guesttools.toolbox.dispatch.VixDispatcher;
import io.github.guesttools.toolbox.vix.Property;
import io.github.guesttools.toolbox.vix.PropertyListCodec;
import io.github.guesttools.toolbox.vix.TestMessages;
import io.github.guesttools.toolbox.vix.VixException;
import io.github.guesttools.toolbox.vix.VixOp;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolsStateTest {

    private static List<Property> captured() throws VixException {
        return PropertyListCodec.decode(
                ByteBuffer.wrap(TestMessages.resource("vix-toolsstate-properties-vmtoolsd.bin")));
    }

    private static List<Property> viaDispatcher(ToolsStateHandler handler) throws VixException {
        VixDispatcher vix =
                VixDispatcher.builder().handle(VixOp.GET_TOOLS_STATE, handler).build();
        byte[] reply = vix.dispatch(TestMessages.relayed(VixOp.GET_TOOLS_STATE, new byte[0], new byte[0], 0, 1));
        String text = new String(reply, StandardCharsets.US_ASCII);
        assertThat(text).startsWith("OK 0 0 ").endsWith("\0");
        byte[] list = Base64.getDecoder().decode(text.substring(7, text.length() - 1));
        return PropertyListCodec.decode(ByteBuffer.wrap(list));
    }

    @Test
    void sameIdsTypesAndOrderAsVmtoolsdWithOurValues() throws VixException {
        GuestOsInfo os = GuestOsInfo.detect();
        List<Property> ours = viaDispatcher(new ToolsStateHandler(os, "0.1.0 build-1", op -> false));
        List<Property> theirs = captured();
        assertThat(ours).hasSameSizeAs(theirs);
        for (int i = 0; i < ours.size(); i++) {
            assertThat(ours.get(i).id()).isEqualTo(theirs.get(i).id());
            assertThat(ours.get(i).getClass()).isEqualTo(theirs.get(i).getClass());
        }
        assertThat(ours.subList(11, ours.size())).containsExactlyElementsOf(theirs.subList(11, theirs.size()));
        assertThat(ours.get(0)).isEqualTo(new Property.StringValue(4503, os.fullName()));
        assertThat(os.fullName()).startsWith("Linux " + System.getProperty("os.version"));
        assertThat(ours.get(4))
                .isEqualTo(new Property.StringValue(4505, readTrimmed(Path.of("/proc/sys/kernel/hostname"))));
        assertThat(ours.get(5)).isEqualTo(theirs.get(5));
        assertThat(ours.get(6)).isEqualTo(theirs.get(6));
        assertThat(ours.get(9)).isEqualTo(new Property.IntValue(4519, 64));
    }

    /** The govmomi toolbox skips 4504, 203, 4519 and 4525 and sends the operation flags as true. */
    @Test
    void differsFromTheGoToolboxAsDocumented() throws VixException {
        List<Property> go =
                PropertyListCodec.decode(ByteBuffer.wrap(TestMessages.resource("vix-props-toolbox-style-first8.bin")));
        List<Property> ours = new ToolsStateHandler(GuestOsInfo.detect(), "v", op -> false).properties();
        for (int i = 0; i < 7; i++) {
            assertThat(ours.get(i).id()).isEqualTo(go.get(i).id());
            assertThat(ours.get(i).getClass()).isEqualTo(go.get(i).getClass());
        }
        assertThat(go.get(7)).isEqualTo(new Property.BoolValue(4540, true));
        assertThat(ours.get(7).id()).isEqualTo(4504);
        assertThat(ours).contains(new Property.BoolValue(4540, false));
    }

    @Test
    void disabledOperationsAreSentAsOne() throws VixException {
        List<Property> ours = viaDispatcher(new ToolsStateHandler(
                GuestOsInfo.detect(),
                "v",
                op -> op == GuestOperation.LIST_FILES || op == GuestOperation.START_PROGRAM));
        assertThat(ours)
                .contains(
                        new Property.BoolValue(4554, true),
                        new Property.BoolValue(4540, true),
                        new Property.BoolValue(4541, false),
                        new Property.BoolValue(4544, false));
    }

    @Test
    void shortNames(@TempDir Path dir) throws Exception {
        assertThat(GuestOsInfo.shortName(Map.of("ID", "ubuntu", "VERSION_ID", "16.04"), "4.4.0", 64))
                .isEqualTo("ubuntu-64");
        assertThat(GuestOsInfo.shortName(Map.of("ID", "debian", "VERSION_ID", "12"), "6.1.0", 64))
                .isEqualTo("debian12-64");
        assertThat(GuestOsInfo.shortName(Map.of("ID", "alpine"), "6.6.1", 64)).isEqualTo("other6xlinux-64");
        Path release = dir.resolve("os-release");
        Files.writeString(
                release, "NAME=\"Ubuntu\"\nID=ubuntu\nVERSION_ID=\"16.04\"\nPRETTY_NAME=\"Ubuntu 16.04 LTS\"\n");
        Path host = dir.resolve("hostname");
        Files.writeString(host, "ubuntu-1604-vmware\n");
        GuestOsInfo os = GuestOsInfo.detect(release, host, "4.4.0-21-generic", "amd64");
        List<Property> ours = new ToolsStateHandler(os, "10.0.5 build-3227872", op -> false).properties();
        List<Property> theirs = captured();
        // Same inputs as the recording: identical (the temporary directory too, when ours is /tmp, as root).
        boolean rootInTmp = os.tempDirectory().equals("/tmp/vmware-root");
        for (int i = 0; i < theirs.size(); i++) {
            if (theirs.get(i).id() != 203 || rootInTmp) {
                assertThat(ours.get(i)).isEqualTo(theirs.get(i));
            }
        }
        assertThat(os.tempDirectory()).endsWith("/vmware-" + System.getProperty("user.name"));
        assertThat(Arrays.asList(os.shortName(), os.hostName(), os.wordSize()))
                .containsExactly("ubuntu-64", "ubuntu-1604-vmware", 64);
    }

    private static String readTrimmed(Path p) {
        try {
            return Files.readString(p).trim();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package io.github.guesttools.toolbox.vix;

import static io.github.guesttools.toolbox.vix.TestMessages.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The govmomi-encoded request bodies decode to the values the vectors README names. */
class GoldenBodyTest {

    private static VixRequest decode(int op, String vector) throws VixException {
        return decode(op, resource(vector));
    }

    private static VixRequest decode(int op, byte[] body) throws VixException {
        byte[] relayed = TestMessages.relayed(op, body, TestMessages.credential("user", "pass"), 1, 1);
        return VixRequestDecoder.decode(VixMessageDecoder.decode(ByteBuffer.wrap(relayed)));
    }

    @Test
    void startProgram() throws VixException {
        assertThat(decode(VixOp.START_PROGRAM, "vix-body-StartProgram.bin"))
                .isEqualTo(new StartProgramRequest(
                        false, "/bin/date", "--date=@2147483647", "/tmp", List.of("FOO=bar", "BAR=foo")));
    }

    @Test
    void listProcesses() throws VixException {
        assertThat(decode(VixOp.LIST_PROCESSES_EX, "vix-body-ListProcessesEx.bin"))
                .isEqualTo(new ListProcessesRequest(0, 0, List.of(32769L, 4242L)));
    }

    @Test
    void terminateProcess() throws VixException {
        assertThat(decode(VixOp.TERMINATE_PROCESS, "vix-body-TerminateProcess.bin"))
                .isEqualTo(new TerminateProcessRequest(32769, 0));
    }

    @Test
    void readEnvironment() throws VixException {
        assertThat(decode(VixOp.READ_ENV_VARIABLES, "vix-body-ReadEnvVariables.bin"))
                .isEqualTo(new ReadEnvironmentRequest(List.of("HOME", "PATH")));
    }

    @Test
    void createTemporaryFile() throws VixException {
        assertThat(decode(VixOp.CREATE_TEMPORARY_FILE_EX, "vix-body-CreateTemporaryFileEx.bin"))
                .isEqualTo(new CreateTemporaryRequest(false, 0, "pre-", ".suf", "/tmp"));
        assertThat(decode(VixOp.CREATE_TEMPORARY_DIRECTORY, "vix-body-CreateTemporaryFileEx.bin"))
                .isEqualTo(new CreateTemporaryRequest(true, 0, "pre-", ".suf", "/tmp"));
    }

    @Test
    void deleteFile() throws VixException {
        assertThat(decode(VixOp.DELETE_GUEST_FILE_EX, "vix-body-DeleteGuestFileEx.bin"))
                .isEqualTo(new DeleteFileRequest(0, "/tmp/a"));
    }

    @Test
    void createDirectory() throws VixException {
        assertThat(decode(VixOp.CREATE_DIRECTORY_EX, "vix-body-CreateDirectoryEx-recursive.bin"))
                .isEqualTo(new CreateDirectoryRequest(0, "/tmp/d", true));
    }

    @Test
    void moveFile() throws VixException {
        assertThat(decode(VixOp.MOVE_GUEST_FILE_EX, "vix-body-MoveGuestFileEx-overwrite.bin"))
                .isEqualTo(new MoveRequest(false, 0, "/tmp/a", "/tmp/b", true));
    }

    @Test
    void setFileAttributes() throws VixException {
        SetFileAttributesRequest r = (SetFileAttributesRequest)
                decode(VixOp.SET_GUEST_FILE_ATTRIBUTES, "vix-body-SetGuestFileAttributes.bin");
        assertThat(r)
                .isEqualTo(new SetFileAttributesRequest(0x42, 0, 1_500_000_000L, -1, -1, 0644, false, false, "/tmp/a"));
        assertThat(r.has(SetFileAttributesRequest.SET_MODIFY_DATE)).isTrue();
        assertThat(r.has(SetFileAttributesRequest.SET_ACCESS_DATE)).isFalse();
    }

    @Test
    void transferToGuest() throws VixException {
        assertThat(decode(VixOp.INITIATE_FILE_TRANSFER_TO_GUEST, "vix-body-InitiateFileTransferToGuest.bin"))
                .isEqualTo(new TransferToGuestRequest(0, "/tmp/up", true));
    }

    /** Go counts the NUL in the ListFiles lengths; the VMX and open-vm-tools do not. */
    @Test
    void goListFilesBodyIsRejectedButTheVmxEncodingDecodes() throws VixException {
        byte[] go = resource("vix-body-ListFiles.bin");
        assertThatThrownBy(() -> decode(VixOp.LIST_FILES, go))
                .isInstanceOfSatisfying(
                        VixException.class, e -> assertThat(e.error()).isEqualTo(VixError.INVALID_MESSAGE_BODY));
        ByteBuffer vmx = ByteBuffer.wrap(go.clone()).order(ByteOrder.LITTLE_ENDIAN);
        vmx.putInt(4, vmx.getInt(4) - 1).putInt(8, vmx.getInt(8) - 1);
        assertThat(decode(VixOp.LIST_FILES, vmx.array())).isEqualTo(new ListFilesRequest(0, "/tmp", ".*", 0, 50, 10));
        assertThat(decode(VixOp.INITIATE_FILE_TRANSFER_FROM_GUEST, vmx.array()))
                .isEqualTo(new TransferFromGuestRequest(0, "/tmp"));
    }

    @Test
    void credentialVector() throws VixException {
        try (UserCredential c =
                UserCredential.decode(1, ByteBuffer.wrap(resource("vix-cred-namepassword-user-pass.bin")))) {
            assertThat(c.name()).isEqualTo("user");
            assertThat(new String(c.password(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("pass");
            assertThat(c.toString()).isEqualTo("UserCredential[name=user, password=<hidden>]");
            c.close();
            assertThat(c.password()).containsOnly(0);
        }
    }

    @Test
    void tcloRequestsFrameAndValidate() throws VixException {
        for (String name : List.of(
                "DeleteFile-enoent",
                "StartProgram",
                "TerminateProcess-nosuch",
                "UnknownOp9999",
                "HgfsSendPacket-DestroySession-stale")) {
            byte[] req = resource("tclo-req-" + name + ".bin");
            int skip = "Vix_1_Relayed_Command ".length();
            VixMessage m = VixMessageDecoder.decode(ByteBuffer.wrap(req, skip, req.length - skip));
            assertThat(m.requestName()).isEqualTo("reqname");
            assertThat(m.header().cookie()).isEqualTo(0x1122334455667788L);
            assertThat(m.header().userCredentialType()).isEqualTo(1);
            VixRequest r = VixRequestDecoder.decode(m);
            if (name.startsWith("Delete")) {
                assertThat(r).isEqualTo(new DeleteFileRequest(0, "/nonexistent/x"));
            } else if (name.startsWith("Hgfs")) {
                assertThat(m.header().returnsBinary()).isTrue();
                assertThat(((HgfsPacketRequest) r).packet().remaining()).isEqualTo(60);
            } else if (name.startsWith("Unknown")) {
                assertThat(r).isInstanceOf(RawRequest.class);
            }
        }
    }
}

package io.github.guesttools.toolbox.auth;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.PointerByReference;

/**
 * Checks passwords with PAM through JNA: {@code pam_start}, {@code pam_authenticate},
 * {@code pam_acct_mgmt}, {@code pam_end}, answering the password prompt from a conversation
 * callback. The password is copied only into the malloc'd reply PAM takes ownership of (PAM
 * modules wipe and free it). Empty passwords are refused before PAM is asked.
 */
final class PamAuthenticator implements Authenticator {
    static final String DEFAULT_SERVICE = "vmtoolsd";
    private static final int PAM_SUCCESS = 0;
    private static final int PAM_CONV_ERR = 19;
    private static final int PAM_BUF_ERR = 5;
    private static final int PAM_PROMPT_ECHO_OFF = 1;
    private static final int PAM_PROMPT_ECHO_ON = 2;
    private static final int PAM_SILENT = 0x8000;
    private static final int PAM_DISALLOW_NULL_AUTHTOK = 0x0001;
    /** sizeof(struct pam_response) on LP64: char *resp; int resp_retcode; plus padding. */
    private static final int RESPONSE_SIZE = Native.POINTER_SIZE * 2;

    private final String service;

    PamAuthenticator(String service) {
        this.service = service;
    }

    interface LibPam extends Library {
        LibPam INSTANCE = load();

        private static LibPam load() {
            try {
                return Native.load("pam", LibPam.class);
            } catch (UnsatisfiedLinkError e) {
                return Native.load("libpam.so.0", LibPam.class);
            }
        }

        int pam_start(String service, String user, PamConv conv, PointerByReference handle);

        int pam_authenticate(Pointer handle, int flags);

        int pam_acct_mgmt(Pointer handle, int flags);

        int pam_end(Pointer handle, int status);

        String pam_strerror(Pointer handle, int errnum);
    }

    interface ConvFunction extends Callback {
        int invoke(int count, Pointer messages, Pointer responses, Pointer appData);
    }

    /** {@code struct pam_conv}. */
    @Structure.FieldOrder({"conv", "appdata"})
    public static final class PamConv extends Structure {
        public ConvFunction conv;
        public Pointer appdata;
    }

    @Override
    public void authenticate(String user, byte[] password) throws AuthenticationException {
        if (password.length == 0) {
            throw new AuthenticationException("empty password refused for " + user);
        }
        if (user.isEmpty() || user.indexOf('\0') >= 0) {
            throw new AuthenticationException("invalid user name");
        }
        PamConv conv = new PamConv();
        conv.conv = (count, messages, responses, appData) -> answer(user, password, count, messages, responses);
        PointerByReference handle = new PointerByReference();
        int rc = LibPam.INSTANCE.pam_start(service, user, conv, handle);
        if (rc != PAM_SUCCESS) {
            throw new AuthenticationException("pam_start(" + service + ") failed: " + rc);
        }
        Pointer h = handle.getValue();
        try {
            rc = LibPam.INSTANCE.pam_authenticate(h, PAM_SILENT | PAM_DISALLOW_NULL_AUTHTOK);
            if (rc == PAM_SUCCESS) {
                rc = LibPam.INSTANCE.pam_acct_mgmt(h, PAM_SILENT | PAM_DISALLOW_NULL_AUTHTOK);
            }
            if (rc != PAM_SUCCESS) {
                throw new AuthenticationException("PAM refused " + user + ": " + LibPam.INSTANCE.pam_strerror(h, rc));
            }
        } finally {
            LibPam.INSTANCE.pam_end(h, rc);
        }
    }

    private static int answer(String user, byte[] password, int count, Pointer messages, Pointer responses) {
        if (count <= 0 || count > 32) {
            return PAM_CONV_ERR;
        }
        long array = Native.malloc((long) count * RESPONSE_SIZE);
        if (array == 0) {
            return PAM_BUF_ERR;
        }
        Pointer replies = new Pointer(array);
        replies.clear((long) count * RESPONSE_SIZE);
        for (int i = 0; i < count; i++) {
            // Linux-PAM passes an array of pointers to struct pam_message { int style; char *msg; }.
            Pointer message = messages.getPointer((long) i * Native.POINTER_SIZE);
            int style = message.getInt(0);
            byte[] text = style == PAM_PROMPT_ECHO_OFF
                    ? password
                    : style == PAM_PROMPT_ECHO_ON ? user.getBytes(java.nio.charset.StandardCharsets.UTF_8) : null;
            if (text != null) {
                long copy = Native.malloc(text.length + 1L);
                if (copy == 0) {
                    return PAM_BUF_ERR;
                }
                Pointer p = new Pointer(copy);
                p.write(0, text, 0, text.length);
                p.setByte(text.length, (byte) 0);
                replies.setPointer((long) i * RESPONSE_SIZE, p);
            }
        }
        responses.setPointer(0, replies);
        return PAM_SUCCESS;
    }
}

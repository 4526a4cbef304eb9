package io.github.guesttools.toolbox.toolsstate;

import io.github.guesttools.toolbox.dispatch.GuestOperation;
import io.github.guesttools.toolbox.dispatch.VixCall;
import io.github.guesttools.toolbox.dispatch.VixOpHandler;
import io.github.guesttools.toolbox.vix.Property;
import io.github.guesttools.toolbox.vix.PropertyListCodec;
import io.github.guesttools.toolbox.vix.VixReply;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Op 62 GET_TOOLS_STATE: the property set vmtoolsd 10.0.5 sends, in its order, with this guest's
 * values. The per-operation flags carry the <em>disabled</em> state, as vmtoolsd sends them
 * (0 = the operation is available).
 */
public final class ToolsStateHandler implements VixOpHandler {
    static final int GUEST_TOOLS_VERSION = 4500;
    static final int GUEST_TOOLS_API_OPTIONS = 4501;
    static final int GUEST_OS_FAMILY = 4502;
    static final int GUEST_OS_VERSION = 4503;
    static final int GUEST_OS_PACKAGE_LIST = 4504;
    static final int GUEST_NAME = 4505;
    static final int GUEST_TOOLS_PRODUCT_NAME = 4511;
    static final int TOOLS_WORD_SIZE = 4519;
    static final int GUEST_OS_VERSION_SHORT = 4520;
    static final int GUEST_SHARED_FOLDERS_PATH = 4525;
    static final int VM_GUEST_TEMP_DIR = 203;
    static final int FIRST_OPERATION_FLAG = 4540;
    static final int LAST_OPERATION_FLAG = 4568;
    private static final int OS_FAMILY_LINUX = 1;

    private static final Map<Integer, GuestOperation> FLAG_IDS = Map.ofEntries(
            Map.entry(4540, GuestOperation.START_PROGRAM),
            Map.entry(4541, GuestOperation.LIST_PROCESSES),
            Map.entry(4542, GuestOperation.TERMINATE_PROCESS),
            Map.entry(4543, GuestOperation.READ_ENVIRONMENT),
            Map.entry(4547, GuestOperation.MAKE_DIRECTORY),
            Map.entry(4548, GuestOperation.DELETE_FILE),
            Map.entry(4549, GuestOperation.DELETE_DIRECTORY),
            Map.entry(4550, GuestOperation.MOVE_DIRECTORY),
            Map.entry(4551, GuestOperation.MOVE_FILE),
            Map.entry(4552, GuestOperation.CREATE_TEMPORARY_FILE),
            Map.entry(4553, GuestOperation.CREATE_TEMPORARY_DIRECTORY),
            Map.entry(4554, GuestOperation.LIST_FILES),
            Map.entry(4555, GuestOperation.CHANGE_FILE_ATTRIBUTES),
            Map.entry(4556, GuestOperation.TRANSFER_FROM_GUEST),
            Map.entry(4557, GuestOperation.TRANSFER_TO_GUEST));

    private final GuestOsInfo os;
    private final String toolsVersion;
    private final Predicate<GuestOperation> disabled;

    /**
     * @param os the guest's description
     * @param toolsVersion e.g. {@code 12.5.0 build-0}
     * @param disabled which operations are off (e.g. switched off or not plugged in)
     */
    public ToolsStateHandler(GuestOsInfo os, String toolsVersion, Predicate<GuestOperation> disabled) {
        this.os = os;
        this.toolsVersion = toolsVersion;
        this.disabled = disabled;
    }

    @Override
    public VixReply handle(VixCall call) {
        return VixReply.ok(Base64.getEncoder().encodeToString(PropertyListCodec.encode(properties())));
    }

    /** @return the properties in wire order */
    public List<Property> properties() {
        List<Property> p = new ArrayList<>();
        p.add(new Property.StringValue(GUEST_OS_VERSION, os.fullName()));
        p.add(new Property.StringValue(GUEST_OS_VERSION_SHORT, os.shortName()));
        p.add(new Property.StringValue(GUEST_TOOLS_PRODUCT_NAME, "VMware Tools"));
        p.add(new Property.StringValue(GUEST_TOOLS_VERSION, toolsVersion));
        p.add(new Property.StringValue(GUEST_NAME, os.hostName()));
        p.add(new Property.IntValue(GUEST_TOOLS_API_OPTIONS, 1));
        p.add(new Property.IntValue(GUEST_OS_FAMILY, OS_FAMILY_LINUX));
        p.add(new Property.StringValue(GUEST_OS_PACKAGE_LIST, ""));
        p.add(new Property.StringValue(VM_GUEST_TEMP_DIR, os.tempDirectory()));
        p.add(new Property.IntValue(TOOLS_WORD_SIZE, os.wordSize()));
        p.add(new Property.StringValue(GUEST_SHARED_FOLDERS_PATH, "/mnt/hgfs"));
        for (int id = FIRST_OPERATION_FLAG; id <= LAST_OPERATION_FLAG; id++) {
            GuestOperation op = FLAG_IDS.get(id);
            p.add(new Property.BoolValue(id, op != null && disabled.test(op)));
        }
        return p;
    }
}

package io.github.guesttools.rpc.toolbox;

/** Reacts to {@code Set_Option <name> <value>}; an exception becomes an {@code ERROR} reply. */
@FunctionalInterface
public interface OptionListener {
    /** Applies the option. */
    void apply(String value) throws Exception;
}

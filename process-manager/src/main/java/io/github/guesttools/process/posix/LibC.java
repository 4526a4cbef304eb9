package io.github.guesttools.process.posix;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/** The few libc calls the JDK does not offer: arbitrary signals with errno, euid, sysconf. */
interface LibC extends Library {
  LibC INSTANCE = Native.load("c", LibC.class);

  int kill(int pid, int signal) throws LastErrorException;

  int geteuid();

  long sysconf(int name);
}

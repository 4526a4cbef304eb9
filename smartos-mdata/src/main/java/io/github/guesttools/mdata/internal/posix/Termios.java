package io.github.guesttools.mdata.internal.posix;

import com.sun.jna.Memory;
import com.sun.jna.Native;

/** Raw mode on Linux: struct termios is four 32-bit flag words, c_line, then c_cc[32]. */
final class Termios {
    private static final int SIZE = 64;
    private static final int IFLAG = 0;
    private static final int OFLAG = 4;
    private static final int CFLAG = 8;
    private static final int LFLAG = 12;
    private static final int CC = 17;
    private static final int VTIME = 5;
    private static final int VMIN = 6;
    private static final int BRKINT = 0x2;
    private static final int INPCK = 0x10;
    private static final int ISTRIP = 0x20;
    private static final int ICRNL = 0x100;
    private static final int IXON = 0x400;
    private static final int OPOST = 0x1;
    private static final int CSIZE = 0x30;
    private static final int CS8 = 0x30;
    private static final int HUPCL = 0x400;
    private static final int ISIG = 0x1;
    private static final int ICANON = 0x2;
    private static final int ECHO = 0x8;
    private static final int IEXTEN = 0x8000;
    private static final int TCSAFLUSH = 2;

    private Termios() {}

    static void makeRaw(Fd fd) throws PosixException {
        Memory t = new Memory(SIZE);
        t.clear();
        if (LibC.tcgetattr(fd.value(), t) != 0) {
            throw new PosixException("tcgetattr", Native.getLastError());
        }
        t.setInt(IFLAG, t.getInt(IFLAG) & ~(BRKINT | ICRNL | INPCK | ISTRIP | IXON));
        t.setInt(OFLAG, t.getInt(OFLAG) & ~OPOST);
        t.setInt(CFLAG, (t.getInt(CFLAG) & ~(CSIZE | HUPCL)) | CS8);
        t.setInt(LFLAG, t.getInt(LFLAG) & ~(ECHO | ICANON | IEXTEN | ISIG));
        t.setByte(CC + VMIN, (byte) 0);
        t.setByte(CC + VTIME, (byte) 1);
        if (LibC.tcsetattr(fd.value(), TCSAFLUSH, t) != 0) {
            throw new PosixException("tcsetattr", Native.getLastError());
        }
    }
}

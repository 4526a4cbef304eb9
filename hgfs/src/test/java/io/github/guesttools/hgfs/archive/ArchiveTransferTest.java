package io.github.guesttools.hgfs.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.hgfs.codec.AttrV2;
import io.github.guesttools.hgfs.codec.CpName;
import io.github.guesttools.hgfs.codec.HgfsMessage;
import io.github.guesttools.hgfs.codec.HgfsOp;
import io.github.guesttools.hgfs.codec.HgfsPacket;
import io.github.guesttools.hgfs.codec.HgfsStatus;
import io.github.guesttools.hgfs.codec.LegacyPrefix;
import io.github.guesttools.hgfs.spi.FileAttributes;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Directory downloads and uploads through the HGFS server, as govc drives them. */
class ArchiveTransferTest {
  @TempDir Path tmp;
  Path source;
  HostileArchiveTest client;

  @BeforeEach
  void setUp() throws Exception {
    source = Files.createDirectory(tmp.resolve("source"));
    Trees.populate(source);
    client = new HostileArchiveTest();
    client.server = io.github.guesttools.hgfs.server.HgfsServer.builder()
        .handler("archive", new ArchiveHandler()).build();
    client.session = client.createSession();
  }

  byte[] download(String name) {
    HgfsPacket open = client.call(HgfsOp.OPEN, new HgfsMessage.OpenRequest(
        new LegacyPrefix(1, HgfsOp.OPEN), 0, 0, 0, CpName.ofPath(name)));
    assertThat(HostileArchiveTest.status(open)).isEqualTo(HgfsStatus.SUCCESS);
    long handle = ((HgfsMessage.OpenReply) open.message()).handle();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long offset = 0;
    while (true) {
      HgfsPacket read = client.call(HgfsOp.READ_V3,
          new HgfsMessage.ReadV3Request(handle, offset, 0xF000, 0));
      assertThat(HostileArchiveTest.status(read)).isEqualTo(HgfsStatus.SUCCESS);
      ByteBuffer data = ((HgfsMessage.ReadV3Reply) read.message()).data();
      int n = data.remaining();
      byte[] chunk = new byte[n];
      data.get(chunk);
      out.writeBytes(chunk);
      offset += n;
      if (n < 0xF000) {
        break;
      }
    }
    assertThat(HostileArchiveTest.status(client.call(HgfsOp.CLOSE,
        new HgfsMessage.CloseRequest(new LegacyPrefix(1, HgfsOp.CLOSE), handle))))
        .isEqualTo(HgfsStatus.SUCCESS);
    return out.toByteArray();
  }

  static byte[] withoutTrailer(byte[] data) {
    assertThat(Arrays.copyOfRange(data, data.length - 3, data.length))
        .isEqualTo(ArchiveHandler.TRAILER);
    return Arrays.copyOf(data, data.length - 3);
  }

  @Test
  void directoryPathDownloadsAsTarWithTrailerAndStatsAsAnEndlessFile() throws Exception {
    HgfsPacket attr = client.call(HgfsOp.GETATTR_V2, new HgfsMessage.GetattrV2Request(
        new LegacyPrefix(1, HgfsOp.GETATTR_V2), 0, 0, CpName.ofPath(source.toString())));
    AttrV2 a = ((HgfsMessage.GetattrV2Reply) attr.message()).attr();
    assertThat(a.type()).isEqualTo(AttrV2.TYPE_REGULAR);
    assertThat(a.size()).isEqualTo(FileAttributes.UNKNOWN_SIZE);
    assertThat(a.ownerPerms()).isEqualTo(6);

    Path file = tmp.resolve("d.tar");
    Files.write(file, withoutTrailer(download(source.toString())));
    Path out = Files.createDirectory(tmp.resolve("out"));
    Trees.run(out, "tar", "-xpf", file.toString());
    Trees.assertSameTree(source, out);
  }

  @Test
  void archiveSchemeWithFormatAndEncodedPrefix() throws Exception {
    Path file = tmp.resolve("d.tgz");
    Files.write(file, withoutTrailer(download(
        "/archive:" + source + "?format=tgz&prefix=top%2F&skip=stuff")));
    Path out = Files.createDirectory(tmp.resolve("out"));
    Trees.run(out, "bsdtar", "-xpf", file.toString());
    Trees.assertSameTree(source, out.resolve("top"));
  }

  @Test
  void unknownFormatIsInvalidParameter() {
    HgfsPacket open = client.call(HgfsOp.OPEN, new HgfsMessage.OpenRequest(
        new LegacyPrefix(1, HgfsOp.OPEN), 0, 0, 0,
        CpName.ofPath("/archive:" + source + "?format=zip")));
    assertThat(HostileArchiveTest.status(open)).isEqualTo(HgfsStatus.INVALID_PARAMETER);
  }

  @Test
  void closingADownloadEarlyStopsTheProducer() {
    for (int i = 0; i < 30; i++) {
      HgfsPacket open = client.call(HgfsOp.OPEN, new HgfsMessage.OpenRequest(
          new LegacyPrefix(1, HgfsOp.OPEN), 0, 0, 0, CpName.ofPath(source.toString())));
      long handle = ((HgfsMessage.OpenReply) open.message()).handle();
      client.call(HgfsOp.READ_V3, new HgfsMessage.ReadV3Request(handle, 0, 0xF000, 0));
      assertThat(HostileArchiveTest.status(client.call(HgfsOp.CLOSE,
          new HgfsMessage.CloseRequest(new LegacyPrefix(1, HgfsOp.CLOSE), handle))))
          .isEqualTo(HgfsStatus.SUCCESS);
    }
    assertThat(Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("hgfs-archive-") && t.isAlive()).count())
        .isLessThanOrEqualTo(30); // finished or finishing: none blocks forever on the pipe
  }

  @Test
  void uploadOfAGnuTarTgzThroughTheServerAndOfOurOwnDownload() throws Exception {
    Path tgz = tmp.resolve("gnu.tgz");
    Trees.run(source, "tar", "-czf", tgz.toString(), ".");
    Path target = tmp.resolve("uploaded");
    assertThat(client.upload("/archive:" + target, Files.readAllBytes(tgz)))
        .containsOnly(HgfsStatus.SUCCESS);
    Trees.assertSameTree(source, target);

    // a download, trailer included, uploaded again onto an existing directory
    Path again = Files.createDirectory(tmp.resolve("again"));
    assertThat(client.upload(again.toString(), download("/archive:" + source + "?format=tgz")))
        .containsOnly(HgfsStatus.SUCCESS);
    Trees.assertSameTree(source, again);
  }

  @Test
  void uploadOfPlainDataOntoADirectoryFails() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("d"));
    assertThat(client.upload(dir.toString(), "just text, not a tar".getBytes()))
        .contains(HgfsStatus.INVALID_PARAMETER);
  }
}

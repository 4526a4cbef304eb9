/**
 * Assembles the guest-tools images: a declarative {@link io.github.guesttools.dist.image.Layout}
 * (image path, mode, source) is staged into a directory, a Java runtime is linked with jlink, and
 * {@link io.github.guesttools.dist.image.BuildImages} writes the ISO, ZIP and TAR images and
 * {@code SHA256SUMS}. Run by {@code mvn -Pdist package}.
 */
package io.github.guesttools.dist.image;

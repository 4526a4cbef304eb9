/** {@link io.github.guesttools.toolbox.tour.TourMain}: the agent against the in-process simulator, driven through every guest operation. */
package io.github.guesttools.toolbox.tour;

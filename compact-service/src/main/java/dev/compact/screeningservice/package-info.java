/**
 * Screening in the running service: one immutable index over the lists in force, built in the
 * background at start-up and shared by every request, and the readiness contributor that holds
 * traffic back until it is warm. The matcher itself is the pure {@code dev.compact.screening} of
 * compact-screening; a second package of that name here would split it across two jars.
 */
@NullMarked
package dev.compact.screeningservice;

import org.jspecify.annotations.NullMarked;

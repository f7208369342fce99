/** Deskpilot's connector service. */
@NullMarked
package io.deskpilot.connector;

import org.jspecify.annotations.NullMarked;

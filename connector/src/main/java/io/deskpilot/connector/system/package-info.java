/** Service-wide settings, clock and secret encryption. */
@NullMarked
package io.deskpilot.connector.system;

import org.jspecify.annotations.NullMarked;

/** Routing requests the bot does not answer to the right agent. */
@NullMarked
package io.deskpilot.connector.routing;

import org.jspecify.annotations.NullMarked;

/** Installations: the desks Deskpilot is connected to (tenants), their settings and live connections. */
@NullMarked
package io.deskpilot.connector.installation;

import org.jspecify.annotations.NullMarked;

/**
 * The platform ports: what Deskpilot needs from a help desk, split by capability and privilege, and the records they
 * speak. Adapters implement these; nothing outside an adapter depends on an adapter.
 */
@NullMarked
package io.deskpilot.connector.platform;

import org.jspecify.annotations.NullMarked;

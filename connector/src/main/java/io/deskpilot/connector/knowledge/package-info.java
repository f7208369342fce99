/** The per-installation knowledge bases: resolved history stored in the database, indexed by the bot engine. */
@NullMarked
package io.deskpilot.connector.knowledge;

import org.jspecify.annotations.NullMarked;

/** The Lucene index: one writer, near-real-time searchers, document mapping and analyzers. */
@NullMarked
package io.deskpilot.bot.index;

import org.jspecify.annotations.NullMarked;

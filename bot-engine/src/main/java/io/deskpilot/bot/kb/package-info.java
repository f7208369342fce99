/** Public API of the knowledge base: tickets in, ranked similar tickets and decisions out. */
@NullMarked
package io.deskpilot.bot.kb;

import org.jspecify.annotations.NullMarked;

/** The decision policy: answer, suggest to an agent, or route, with the evidence behind it. */
@NullMarked
package io.deskpilot.bot.decide;

import org.jspecify.annotations.NullMarked;

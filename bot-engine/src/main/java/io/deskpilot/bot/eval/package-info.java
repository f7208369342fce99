/** The evaluation command's protocol: time-aware retrieval over real help-desk data, and its metrics. */
@NullMarked
package io.deskpilot.bot.eval;

import org.jspecify.annotations.NullMarked;

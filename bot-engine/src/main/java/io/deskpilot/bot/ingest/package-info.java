/** Turning a resolved ticket into a knowledge entry: cleaning, answer extraction, outcome counting. */
@NullMarked
package io.deskpilot.bot.ingest;

import org.jspecify.annotations.NullMarked;

/** The bot engine's command line ({@code java -jar bot-engine.jar eval ...}). */
@NullMarked
package io.deskpilot.bot.cli;

import org.jspecify.annotations.NullMarked;

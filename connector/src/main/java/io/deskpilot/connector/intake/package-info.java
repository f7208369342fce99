/** Intake: webhooks and polling turn platform events into inbox events. */
@NullMarked
package io.deskpilot.connector.intake;

import org.jspecify.annotations.NullMarked;

/** The request workflow: durable inbox, pure state machine, transactional outbox, workers. */
@NullMarked
package io.deskpilot.connector.workflow;

import org.jspecify.annotations.NullMarked;

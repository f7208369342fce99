/**
 * A stateful Jira Service Management simulator (test support, startable for demos): requests, comments, workflow,
 * assignment, properties, JQL search, signed admin webhooks and injected faults, in the shapes of Atlassian's OpenAPI
 * documents. Nothing in the product depends on it.
 */
@NullMarked
package io.deskpilot.connector.jsmsim;

import org.jspecify.annotations.NullMarked;

/**
 * The Jira Service Management adapter (Cloud and Data Center): typed {@code @HttpExchange} clients over
 * {@code RestClient}, signed webhooks, JQL polling and history import. Nothing outside depends on this package.
 */
@NullMarked
package io.deskpilot.connector.jira;

import org.jspecify.annotations.NullMarked;

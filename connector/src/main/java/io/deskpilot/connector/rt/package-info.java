/**
 * Adapter: Request Tracker 5 over REST2 with an auth token. Tickets of one queue are requests; correspondence is the
 * public reply and comments are internal notes; {@code Owner} is the assignee; new work is found through RT's
 * transaction feed ({@code id > cursor}) and, when the admin adds Deskpilot's scrip, pushed to the webhook endpoint
 * with an HMAC signature. RT reports some refusals as HTTP 200 with a message, so every change is read back.
 */
@NullMarked
package io.deskpilot.connector.rt;

import org.jspecify.annotations.NullMarked;

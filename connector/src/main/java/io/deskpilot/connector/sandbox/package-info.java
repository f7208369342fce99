/**
 * The sandbox desk: a small help desk running inside the service (its own tables, web page, REST API, change feed
 * and signed webhooks), and the adapter that connects Deskpilot to it. It is the embedded default platform, so a
 * newcomer sees requests answered without connecting a real desk.
 */
@NullMarked
package io.deskpilot.connector.sandbox;

import org.jspecify.annotations.NullMarked;

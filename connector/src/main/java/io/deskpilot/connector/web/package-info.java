/**
 * The web layer's protection, in one place: {@link io.deskpilot.connector.web.WebSecurity} decides every path (an
 * explicit public list; the admin API and the actuator by the admin token; everything else by a console sign-in),
 * {@link io.deskpilot.connector.web.BodyLimits} bounds every request body, and the response headers (content security
 * policy, HSTS behind a TLS proxy) are set here.
 */
@NullMarked
package io.deskpilot.connector.web;

import org.jspecify.annotations.NullMarked;

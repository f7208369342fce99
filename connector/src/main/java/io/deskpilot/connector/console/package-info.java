/**
 * The admin console under {@code /admin}: server-rendered pages (Thymeleaf templates and assets from the admin-ui
 * module, htmx from a WebJar; no Node toolchain) behind a login with local accounts or OIDC, CSRF-protected, with
 * expiring sessions. It drives the same services as the admin API: connections, history import, the playground,
 * the activity log.
 */
@NullMarked
package io.deskpilot.connector.console;

import org.jspecify.annotations.NullMarked;

/** Each installation's policy: shadow mode, business hours, first-response target, templates, timing of notices. */
@NullMarked
package io.deskpilot.connector.policy;

import org.jspecify.annotations.NullMarked;

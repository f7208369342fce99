/** The admin API: connecting desks, testing them, importing their history. Bearer-token protected. */
@NullMarked
package io.deskpilot.connector.admin;

import org.jspecify.annotations.NullMarked;

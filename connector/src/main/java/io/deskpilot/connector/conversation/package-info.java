/** What Deskpilot says: replies to customers and notes to agents. */
@NullMarked
package io.deskpilot.connector.conversation;

import org.jspecify.annotations.NullMarked;

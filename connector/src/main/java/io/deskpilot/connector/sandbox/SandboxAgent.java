package io.deskpilot.connector.sandbox;

import org.jspecify.annotations.Nullable;

/** An agent of the sandbox desk. */
record SandboxAgent(String id, String displayName, @Nullable String email, boolean active) {

}

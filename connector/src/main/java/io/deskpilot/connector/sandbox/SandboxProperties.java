package io.deskpilot.connector.sandbox;

import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The sandbox desk ({@code deskpilot.sandbox.*}).
 *
 * @param enabled connect the sandbox desk at start-up when it is not connected yet (the embedded default)
 * @param installationId the sandbox installation's id
 * @param seed fill an empty sandbox desk with its agents and resolved history
 */
@ConfigurationProperties("deskpilot.sandbox")
@Validated
record SandboxProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("sandbox") @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}") String installationId,
		@DefaultValue("true") boolean seed) {

}

package io.deskpilot.connector.jira;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Forge app this service is the remote of ({@code deskpilot.forge.*}).
 *
 * @param appId the app's id from manifest.yml ({@code ari:cloud:ecosystem::app/<uuid>}); invocation tokens must name
 * it as their audience. Without it, Forge calls are refused.
 * @param jwksUrl where Forge publishes the keys its invocation tokens are signed with
 * @param jwksCacheTtl how long fetched keys are reused (a token signed by an unknown key fetches them again, at most
 * once per {@link #jwksMinRefetch})
 * @param jwksMinRefetch the least time between two fetches of the keys
 * @param clockSkew tolerance for expiry and not-before times
 * @param allowHttpApiBaseUrl accept a plain-http {@code app.apiBaseUrl} (tests and local simulators only)
 */
@ConfigurationProperties("deskpilot.forge")
@Validated
record ForgeProperties(@Nullable @Pattern(regexp = "ari:cloud:ecosystem::app/[0-9a-fA-F-]{36}") String appId,
		@NotNull @DefaultValue("https://forge.cdn.prod.atlassian-dev.net/.well-known/jwks.json") URI jwksUrl,
		@NotNull @DefaultValue("1h") Duration jwksCacheTtl, @NotNull @DefaultValue("30s") Duration jwksMinRefetch,
		@NotNull @DefaultValue("60s") Duration clockSkew, @DefaultValue("false") boolean allowHttpApiBaseUrl) {

	static final String ISSUER = "forge/invocation-token";

}

package io.deskpilot.connector.installation;

/**
 * Published when a desk is added, so other modules can give it their defaults.
 *
 * @param installationId the new installation
 */
public record InstallationCreated(String installationId) {
}

package io.deskpilot.connector.system;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Service-wide settings ({@code deskpilot.*}).
 *
 * @param dataDir where local state lives: the H2 database (embedded mode), the indexes, the generated secret key
 * @param secretKey base64 AES-256 key that encrypts platform secrets at rest; generated under the data directory when
 * absent (set it explicitly when several replicas share one database)
 */
@ConfigurationProperties("deskpilot")
@Validated
public record DeskpilotProperties(@NotNull @DefaultValue("./data") Path dataDir, @Nullable String secretKey) {

	@Override
	public String toString() {
		return "DeskpilotProperties[dataDir=" + this.dataDir + ", secretKey=" + (this.secretKey == null ? "generated" : "******")
				+ "]";
	}

}

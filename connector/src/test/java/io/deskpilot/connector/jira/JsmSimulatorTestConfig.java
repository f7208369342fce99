package io.deskpilot.connector.jira;

import java.nio.file.Files;

import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Puts the OpenAPI validator in front of every RestClient the service builds (when the spec files are present). */
@TestConfiguration(proxyBeanMethods = false)
class JsmSimulatorTestConfig {

	static final String BASE_PATH = "/jsm-sim";

	@Bean
	RestClientCustomizer openApiValidation() {
		return builder -> {
			if (Files.isRegularFile(OpenApiContract.directory().resolve(OpenApiContract.JSM_SPEC))) {
				builder.requestInterceptor(OpenApiContract.require(BASE_PATH));
			}
		};
	}

}

package io.deskpilot.connector.jira;

import java.nio.file.Files;

import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Puts the OpenAPI validator in front of every RestClient the service builds (when the spec files are present). */
@TestConfiguration(proxyBeanMethods = false)
class JsmSimulatorTestConfig {

	static final String BASE_PATH = "/jsm-sim";

	/**
	 * Settings of a Jira installation pointing at the simulator in this service: the bot account, the given token and
	 * project HELP; Cloud settings carry the bot's e-mail, Data Center ones a personal access token only.
	 */
	static java.util.Map<String, String> jiraSettings(int port, String deployment, String token) {
		java.util.Map<String, String> values = new java.util.HashMap<>();
		values.put(JiraSettings.DEPLOYMENT, deployment);
		values.put(JiraSettings.BASE_URL, "http://127.0.0.1:" + port + BASE_PATH);
		values.put(JiraSettings.TOKEN, token);
		values.put(JiraSettings.PROJECT, "HELP");
		if ("cloud".equals(deployment)) {
			values.put(JiraSettings.EMAIL, "deskpilot@sim.example");
		}
		return values;
	}

	@Bean
	RestClientCustomizer openApiValidation() {
		return builder -> {
			if (Files.isRegularFile(OpenApiContract.directory().resolve(OpenApiContract.JSM_SPEC))) {
				builder.requestInterceptor(OpenApiContract.require(BASE_PATH));
			}
		};
	}

}

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
		if ("oauth".equals(deployment)) {
			// the admin's OAuth app, registered with the simulator's authorization server; its gateway is the simulator
			values.remove(JiraSettings.TOKEN);
			values.put(JiraSettings.CLIENT_ID, "deskpilot-sim-client");
			values.put(JiraSettings.CLIENT_SECRET, "deskpilot-sim-secret");
			values.put(JiraSettings.AUTH_URL, "http://127.0.0.1:" + port + BASE_PATH);
			values.put(JiraSettings.API_URL, "http://127.0.0.1:" + port + BASE_PATH);
		}
		return values;
	}

	/** Resolved tickets (summary, description, public answer) the JSM flow tests seed as the desk's history. */
	static final java.util.List<String[]> KNOWN_PROBLEMS = java.util.List.of(
			new String[] { "VPN does not connect after the Windows update",
					"Since this morning's update the VPN client hangs on 'connecting' and never connects.",
					"Please install VPN client 6.2 from the Software Center and restart: the old client no longer "
							+ "accepts the new server certificate." },
			new String[] { "Printer on floor 2 prints blank pages", "Every page comes out empty since the toner change.",
					"Pull the yellow sealing tape off the new toner cartridge, then print a test page." },
			new String[] { "Outlook keeps asking for my password", "The password prompt pops up every few minutes.",
					"Remove the saved Outlook entries in Windows Credential Manager and sign in again." },
			new String[] { "Cannot open the finance share", "Access denied on \\\\files\\finance.",
					"Ask your manager to approve the Finance-Read group in the access portal." });

	@Bean
	RestClientCustomizer openApiValidation() {
		return builder -> {
			if (Files.isRegularFile(OpenApiContract.directory().resolve(OpenApiContract.JSM_SPEC))) {
				builder.requestInterceptor(OpenApiContract.require(BASE_PATH));
			}
		};
	}

}
